/** The version imagediet reports (reports, SARIF, --version). */
export const VERSION = "0.1.0";
