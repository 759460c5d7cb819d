import type { Rule } from "../types.js";
import { addRemoteUrl } from "./add-remote-url.js";
import { buildDepsLeftBehind } from "./build-deps-left-behind.js";
import { ConsistentInstructionCasing } from "./ConsistentInstructionCasing.js";
import { CopyIgnoredFile } from "./CopyIgnoredFile.js";
import { copyBeforeInstall } from "./copy-before-install.js";
import { DL3000 } from "./DL3000.js";
import { DL3002 } from "./DL3002.js";
import { DL3003 } from "./DL3003.js";
import { DL3004 } from "./DL3004.js";
import { DL3006 } from "./DL3006.js";
import { DL3007 } from "./DL3007.js";
import { DL3008 } from "./DL3008.js";
import { DL3009 } from "./DL3009.js";
import { DL3010 } from "./DL3010.js";
import { DL3011 } from "./DL3011.js";
import { DL3012 } from "./DL3012.js";
import { DL3013 } from "./DL3013.js";
import { DL3014 } from "./DL3014.js";
import { DL3015 } from "./DL3015.js";
import { DL3016 } from "./DL3016.js";
import { DL3018 } from "./DL3018.js";
import { DL3019 } from "./DL3019.js";
import { DL3020 } from "./DL3020.js";
import { DL3021 } from "./DL3021.js";
import { DL3022 } from "./DL3022.js";
import { DL3023 } from "./DL3023.js";
import { DL3024 } from "./DL3024.js";
import { DL3025 } from "./DL3025.js";
import { DL3026 } from "./DL3026.js";
import { DL3027 } from "./DL3027.js";
import { DL3028 } from "./DL3028.js";
import { DL3030 } from "./DL3030.js";
import { DL3032 } from "./DL3032.js";
import { DL3038 } from "./DL3038.js";
import { DL3040 } from "./DL3040.js";
import { DL3042 } from "./DL3042.js";
import { DL3044 } from "./DL3044.js";
import { DL3045 } from "./DL3045.js";
import { DL3046 } from "./DL3046.js";
import { DL3047 } from "./DL3047.js";
import { DL3059 } from "./DL3059.js";
import { DL3060 } from "./DL3060.js";
import { DL3061 } from "./DL3061.js";
import { DL3062 } from "./DL3062.js";
import { DL3063 } from "./DL3063.js";
import { DL3064 } from "./DL3064.js";
import { DL3065 } from "./DL3065.js";
import { DL4000 } from "./DL4000.js";
import { DL4003 } from "./DL4003.js";
import { DL4004 } from "./DL4004.js";
import { DL4006 } from "./DL4006.js";
import { devDepsInRuntime } from "./dev-deps-in-runtime.js";
import { dockerignoreGaps } from "./dockerignore-gaps.js";
import { dockerignoreMissing } from "./dockerignore-missing.js";
import { ExposeInvalidFormat } from "./ExposeInvalidFormat.js";
import { ExposeProtoCasing } from "./ExposeProtoCasing.js";
import { FromAsCasing } from "./FromAsCasing.js";
import { FromPlatformFlagConstDisallowed } from "./FromPlatformFlagConstDisallowed.js";
import { glibcBinaryOnMusl } from "./glibc-binary-on-musl.js";
import { goNotStatic } from "./go-not-static.js";
import { InvalidDefaultArgInFrom } from "./InvalidDefaultArgInFrom.js";
import { LegacyKeyValueFormat } from "./LegacyKeyValueFormat.js";
import { multiStageForCompiled } from "./multi-stage-for-compiled.js";
import { NoEmptyContinuation } from "./NoEmptyContinuation.js";
import { nodeNeedsInit } from "./node-needs-init.js";
import { npmInstallWithLockfile } from "./npm-install-with-lockfile.js";
import { packageCacheKept } from "./package-cache-kept.js";
import { preferSmallerBase } from "./prefer-smaller-base.js";
import { removedInLaterLayer } from "./removed-in-later-layer.js";
import { rootUser } from "./root-user.js";
import { StageNameCasing } from "./StageNameCasing.js";
import { scratchNeedsCertsTz } from "./scratch-needs-certs-tz.js";
import { secretsInContext } from "./secrets-in-context.js";
import { secretsInLayers } from "./secrets-in-layers.js";

import { separateChownLayer } from "./separate-chown-layer.js";
import { UndefinedArgInFrom } from "./UndefinedArgInFrom.js";
import { UndefinedVar } from "./UndefinedVar.js";
import { unknownRuleInPragma } from "./unknown-rule-in-pragma.js";
import { virtualBuildDeps } from "./virtual-build-deps.js";
import { WorkdirRelativePath } from "./WorkdirRelativePath.js";

/** Every rule imagediet ships. Adding a rule: one file in this folder, its test beside it, one line here. */
export const ALL_RULES: readonly Rule[] = [
  ConsistentInstructionCasing,
  CopyIgnoredFile,
  DL3000,
  DL3002,
  DL3003,
  DL3004,
  DL3006,
  DL3007,
  DL3008,
  DL3009,
  DL3010,
  DL3011,
  DL3012,
  DL3013,
  DL3014,
  DL3015,
  DL3016,
  DL3018,
  DL3019,
  DL3020,
  DL3021,
  DL3022,
  DL3023,
  DL3024,
  DL3025,
  DL3026,
  DL3027,
  DL3028,
  DL3030,
  DL3032,
  DL3038,
  DL3040,
  DL3042,
  DL3044,
  DL3045,
  DL3046,
  DL3047,
  DL3059,
  DL3060,
  DL3061,
  DL3062,
  DL3063,
  DL3064,
  DL3065,
  DL4000,
  DL4003,
  DL4004,
  DL4006,
  ExposeInvalidFormat,
  ExposeProtoCasing,
  FromAsCasing,
  FromPlatformFlagConstDisallowed,
  InvalidDefaultArgInFrom,
  LegacyKeyValueFormat,
  NoEmptyContinuation,
  StageNameCasing,
  UndefinedArgInFrom,
  UndefinedVar,
  WorkdirRelativePath,
  addRemoteUrl,
  buildDepsLeftBehind,
  copyBeforeInstall,
  devDepsInRuntime,
  dockerignoreGaps,
  dockerignoreMissing,
  glibcBinaryOnMusl,
  goNotStatic,
  multiStageForCompiled,
  nodeNeedsInit,
  npmInstallWithLockfile,
  packageCacheKept,
  preferSmallerBase,
  removedInLaterLayer,
  rootUser,
  scratchNeedsCertsTz,
  secretsInContext,
  secretsInLayers,
  separateChownLayer,
  unknownRuleInPragma,
  virtualBuildDeps,
];
