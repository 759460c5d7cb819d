import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3032 } from "./DL3032.js";

testRule(DL3032, {
  catches: [
    "FROM centos:7\nRUN yum install -y httpd",
    "FROM centos:7\nRUN yum -y install git && make",
    "FROM centos:7\nRUN yum install -y a && yum install -y b",
  ],
  passes: [
    "FROM centos:7\nRUN yum install -y httpd && yum clean all",
    "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum",
    "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd",
  ],
  fixes: [["FROM centos:7\nRUN yum install -y httpd\n", "FROM centos:7\nRUN yum install -y httpd && yum clean all\n"]],
  onbuild: true,
});
