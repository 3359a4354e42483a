/** Where each rule's README is published; findings and SARIF link here. */
export const REPOSITORY_URL = 'https://github.com/oomlint/oomlint';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId}/README.md`;
}
