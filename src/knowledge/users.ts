/**
 * Facts about users in images: which official images drop root themselves, which bring an
 * unprivileged user of their own, which programs need root to start, and how each family adds a user.
 */

/** Images whose own entrypoint starts as root and drops to a service user (gosu, su-exec, setuid). */
export const DROPS_PRIVILEGES = new Set([
  "nginx",
  "httpd",
  "postgres",
  "redis",
  "mysql",
  "mariadb",
  "mongo",
  "rabbitmq",
  "memcached",
  "elasticsearch",
  "cassandra",
  "couchdb",
  "influxdb",
  "zookeeper",
  "solr",
  "wordpress",
  "nextcloud",
  "odoo",
  "ghost",
  "bitnami/nginx",
]);

/** Images that ship an unprivileged user the app can run as: name and numeric id. */
export const IMAGE_USERS: Record<string, { name: string; uid: number }> = {
  node: { name: "node", uid: 1000 },
};

/** Programs that start as root by design (they bind privileged ports or switch users themselves). */
export const NEEDS_ROOT =
  /^(nginx|httpd|apache2|apache2ctl|apachectl|sshd|cron|crond|supervisord|systemd|init|runsvdir|s6-svscan|dockerd|named|squid|postfix|sendmail|smbd|vsftpd|openvpn)$/;

/** The created user's numeric id: outside the ranges distributions and base images use. */
export const CREATED_UID = 10001;

export type UserFamily = "debian" | "alpine" | "none" | "unknown";

/**
 * How a family adds a system user with a home folder: `useradd` (Debian, Ubuntu, RHEL), BusyBox
 * `adduser` (Alpine); no shell (scratch, distroless) means a numeric USER only.
 */
export function addUserCommand(family: UserFamily, uid: number): string | undefined {
  if (family === "debian") return `useradd --system --uid ${uid} --user-group --no-log-init --create-home app`;
  if (family === "alpine") return `addgroup -S -g ${uid} app && adduser -S -D -u ${uid} -G app app`;
  return undefined;
}

/** The family an image's user tools follow, from its name when the catalog does not know it. */
export function userFamilyOf(image: string, catalogFamily: string | undefined): UserFamily {
  const family = catalogFamily ?? "";
  if (family === "alpine" || family === "wolfi") return "alpine";
  if (family === "debian" || family === "ubuntu") return "debian";
  if (family === "distroless" || family === "scratch" || image === "scratch") return "none";
  if (/alpine/.test(image)) return "alpine";
  if (/debian|ubuntu|bookworm|bullseye|buster|trixie|jammy|focal|noble|slim|centos|rocky|alma|fedora/.test(image))
    return "debian";
  return "unknown";
}
