import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3030 } from "./DL3030.js";

testRule(DL3030, {
  catches: [
    "FROM centos:7\nRUN yum install httpd",
    "FROM centos:7\nRUN yum groupinstall 'Development Tools'",
    "FROM centos:7\nRUN yum update && yum install git",
  ],
  passes: [
    "FROM centos:7\nRUN yum install -y httpd",
    "FROM centos:7\nRUN yum install --assumeyes httpd",
    "FROM centos:7\nRUN yum clean all",
  ],
  fixes: [["FROM centos:7\nRUN yum install httpd\n", "FROM centos:7\nRUN yum install -y httpd\n"]],
  onbuild: true,
});
