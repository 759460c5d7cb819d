/**
 * The environment official images set (from their Dockerfiles in docker-library): what a later step
 * finds on PATH and where the toolchains install. Read by the effects model to resolve `go install`,
 * `cargo install` and the final command through PATH.
 */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const IMAGE_ENV: Record<string, Record<string, string>> = {
  golang: { GOPATH: "/go", GOTOOLCHAIN: "local", PATH: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}` },
  rust: {
    RUSTUP_HOME: "/usr/local/rustup",
    CARGO_HOME: "/usr/local/cargo",
    PATH: `/usr/local/cargo/bin:${DEFAULT_PATH}`,
  },
  python: { LANG: "C.UTF-8", PATH: DEFAULT_PATH },
  node: { PATH: DEFAULT_PATH },
  maven: {
    MAVEN_HOME: "/usr/share/maven",
    JAVA_HOME: "/opt/java/openjdk",
    PATH: `/opt/java/openjdk/bin:${DEFAULT_PATH}`,
  },
  gradle: {
    GRADLE_HOME: "/opt/gradle",
    JAVA_HOME: "/opt/java/openjdk",
    PATH: `/opt/java/openjdk/bin:/opt/gradle/bin:${DEFAULT_PATH}`,
  },
  "eclipse-temurin": { JAVA_HOME: "/opt/java/openjdk", PATH: `/opt/java/openjdk/bin:${DEFAULT_PATH}` },
  ruby: {
    GEM_HOME: "/usr/local/bundle",
    BUNDLE_APP_CONFIG: "/usr/local/bundle",
    PATH: `/usr/local/bundle/bin:${DEFAULT_PATH}`,
  },
};

/** The ENV a base image brings, as far as the catalog knows (PATH always). */
export function imageEnvironment(repository: string): Record<string, string> {
  return { PATH: DEFAULT_PATH, ...(IMAGE_ENV[repository.replace(/^(docker\.io\/)?(library\/)?/, "")] ?? {}) };
}

/** The working directory an image starts in when the Dockerfile sets none. */
export function imageWorkdir(repository: string): string {
  return repository.replace(/^(docker\.io\/)?(library\/)?/, "") === "golang" ? "/go" : "/";
}
