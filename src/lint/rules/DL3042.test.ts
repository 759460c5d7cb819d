import { testRule } from "../../../test/helpers/rule-tester.js";
import { DL3042 } from "./DL3042.js";

testRule(DL3042, {
  catches: [
    { dockerfile: "FROM python:3.11\nRUN pip install -r requirements.txt", line: 2 },
    "FROM python:3.11\nRUN pip3 install flask",
    "FROM python:3.11\nRUN python -m pip install --upgrade pip",
    "FROM python:3.11\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.11\nRUN pip install flask",
  ],
  passes: [
    "FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt",
    "FROM python:3.11\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask",
    "FROM python:3.11\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask",
    "FROM python:3.11 AS base\nENV PIP_NO_CACHE_DIR=off\nFROM base\nRUN pip install flask",
    "FROM python:3.11\nRUN pip freeze > requirements.txt",
  ],
  fixes: [["FROM python:3.11\nRUN pip install flask\n", "FROM python:3.11\nRUN pip install --no-cache-dir flask\n"]],
  onbuild: true,
});
