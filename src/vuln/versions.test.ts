import { describe, expect, it } from "vitest";
import { cvss3BaseScore } from "./cvss.js";
import { compareApk, compareDpkg, comparePep440, compareSemver } from "./versions.js";

/** Each list is in ascending order, as the ecosystem's own tool orders it. */
describe.each([
  ["dpkg", compareDpkg, ["1.0~rc1", "1.0", "1.0-1", "1.0-1+deb12u1", "1.0a", "1.0.1", "2.36-9", "1:0.9", "2:0"]],
  ["dpkg revisions", compareDpkg, ["2.36-9", "2.36-9+deb12u1", "2.36-9+deb12u3", "2.36-9+deb12u10", "2.36-10"]],
  ["apk", compareApk, ["1.2.3_alpha", "1.2.3_rc1", "1.2.3", "1.2.3-r1", "1.2.3-r10", "1.2.3_p1", "1.2.4", "1.10.0"]],
  [
    "PEP 440",
    comparePep440,
    [
      "1.0.dev1",
      "1.0a1",
      "1.0a2.dev1",
      "1.0a2",
      "1.0b1",
      "1.0rc1",
      "1.0",
      "1.0.post1.dev1",
      "1.0.post1",
      "1.1",
      "2!0.1",
    ],
  ],
  [
    "semver",
    compareSemver,
    [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "1.10.0",
      "v2.0.0",
    ],
  ],
])("%s ordering", (_name, compare, ordered) => {
  it("sorts the list into itself", () => {
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compare)).toEqual(ordered);
  });
  it("is consistent for every pair", () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++)
        expect(Math.sign(compare(ordered[i], ordered[j])), `${ordered[i]} vs ${ordered[j]}`).toBe(Math.sign(i - j));
    }
  });
});

describe("CVSS 3.1 base scores", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", 5.3],
    ["CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1],
  ])("%s → %d", (vector, score) => expect(cvss3BaseScore(vector)).toBe(score));
});
