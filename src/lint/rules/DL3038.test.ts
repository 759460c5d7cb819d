import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3038 } from "./DL3038.js";

testRule(DL3038, {
  catches: [
    "FROM fedora:40\nRUN dnf install httpd",
    "FROM fedora:40\nRUN microdnf install git",
    "FROM fedora:40\nRUN dnf upgrade -y && dnf install git",
  ],
  passes: [
    "FROM fedora:40\nRUN dnf install -y httpd",
    "FROM fedora:40\nRUN dnf --assumeyes install httpd",
    "FROM fedora:40\nRUN dnf clean all",
  ],
  fixes: [["FROM fedora:40\nRUN dnf install httpd\n", "FROM fedora:40\nRUN dnf install -y httpd\n"]],
  onbuild: true,
});
