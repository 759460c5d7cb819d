/**
 * Why a finding stays in the optimized file when no step said more: one line per rule, in the user's
 * words. A step that looked at a finding and left it gives its own, more precise, reason.
 */
const WHY_LEFT: Record<string, string> = {
  DL3002: "the Dockerfile switches to root on purpose; imagediet keeps the user you chose",
  DL3006: "the version to pin is yours to choose; imagediet never picks a tag for you",
  DL3007: "the version to pin is yours to choose; imagediet never picks a tag for you",
  DL3025:
    "exec form changes how the command starts (no shell: no variable expansion, signals go to the program itself); change it once you have checked that",
  DL4006:
    "`set -o pipefail` makes a pipe fail when its first command fails: a build that passes today could stop; add it once you have checked each pipe",
  DL3004: "the step runs as a user that needs sudo; removing it could stop the build",
  DL3063: "the base image's own tag decides this; change it by hand",
  "secrets-in-layers":
    "a secret in a layer has to move to a build secret (`RUN --mount=type=secret`) and be rotated: that needs a person",
  "secrets-in-context": "secrets in the build context need to be moved or ignored by a person who knows which are real",
  "add-remote-url": "`ADD --checksum=sha256:…` needs the file's digest, which only a download can tell",
  "build-deps-left-behind":
    "the build tools are used by steps a builder stage would have to take with it; split the build by hand or see `imagediet rules build-deps-left-behind`",
  "dev-deps-in-runtime":
    "the command may need development dependencies (a dev server, ts-node, nodemon) and the app's package.json was not there to tell",
  "copy-before-install": "the install reads files beyond its manifests, so it cannot move before the sources",
  "multi-stage-for-compiled": "the build could not be traced to the artifacts the command runs",
  "go-not-static": "the Go build could not be made static safely (cgo, or a build the model does not follow)",
  "root-user": "no non-root user could be added safely",
  DL3003: "the `cd` is in the middle of the RUN, inside a condition, or the folder it enters matters to later steps",
  "separate-chown-layer": "the chown covers more than the files the COPY wrote",
  "removed-in-later-layer": "a step between the two reads the path, or the removal is not a plain path",
  "package-cache-kept": "the clean-up could not be placed in the same RUN (the install is inside a condition or pipe)",
  "dockerignore-missing": "no .dockerignore was written",
};

export function whyLeft(rule: string): string {
  return (
    WHY_LEFT[rule] ?? `no safe automatic change is known for ${rule}; \`imagediet rules ${rule}\` explains the fix`
  );
}
