import { URL } from "../copy-helpers.js";
import { copies } from "../helpers.js";
import type { Report, Rule } from "../types.js";

export const addRemoteUrl: Rule = {
  meta: {
    id: "add-remote-url",
    origin: "imagediet",
    severity: "warning",
    category: "security",
    title: "ADD of a URL without --checksum",
    why: "ADD downloads whatever the URL serves at build time: a changed or compromised file goes into the image unnoticed, and the layer cache cannot tell.",
    fix: "Add `--checksum=sha256:…` (BuildKit verifies it), or download with curl and check the hash in the same RUN.",
    fixable: false,
    examples: {
      bad: "ADD https://example.com/tool.tar.gz /opt/",
      good: "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/",
    },
  },
  check({ dockerfile }) {
    const reports: Report[] = [];
    for (const copy of copies(dockerfile)) {
      if (copy.keyword !== "ADD" || copy.checksum) continue;
      for (const source of copy.sources) {
        if (URL.test(source.value) && !/\.git(#|$)/.test(source.value)) {
          reports.push({
            message: `ADD of ${source.value} without --checksum: the download is not verified`,
            range: source.range,
          });
        }
      }
    }
    return reports;
  },
};
