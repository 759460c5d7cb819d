import type { Dockerfile, Token } from "../dockerfile/model.js";

/** Every EXPOSE argument with its parts: `8080/tcp` → port 8080, protocol tcp. */
export function exposedPorts(dockerfile: Dockerfile): { token: Token; port: string; protocol: string | undefined }[] {
  const out: { token: Token; port: string; protocol: string | undefined }[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword !== "EXPOSE") continue;
    for (const token of instruction.values) {
      const slash = token.value.indexOf("/");
      out.push({
        token,
        port: slash === -1 ? token.value : token.value.slice(0, slash),
        protocol: slash === -1 ? undefined : token.value.slice(slash + 1),
      });
    }
  }
  return out;
}
