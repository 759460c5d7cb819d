import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3040 } from "./DL3040.js";

testRule(DL3040, {
  catches: [
    "FROM fedora:40\nRUN dnf install -y httpd",
    "FROM fedora:40\nRUN microdnf install -y git",
    "FROM fedora:40\nRUN dnf -y install git && make",
  ],
  passes: [
    "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all",
    "FROM fedora:40\nRUN microdnf install -y git && microdnf clean all",
    "FROM fedora:40\nRUN dnf install -y git && rm -rf /var/cache/dnf",
  ],
  fixes: [
    ["FROM fedora:40\nRUN dnf install -y httpd\n", "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n"],
  ],
  onbuild: true,
});
