/**
 * Text → YAML documents with positions. Loaders never judge: a syntax error becomes an
 * InputProblem with file:line:column; the documents that did parse are still returned so the
 * rest of a multi-document file keeps being linted.
 */
import { parseAllDocuments, type YAMLError } from 'yaml';
import type { InputProblem } from '../result.js';
import { Positions } from './positions.js';
import { findTemplateAction } from './template.js';
import { toTree, type YValue } from './tree.js';

export interface LoadedDocument {
  /** 0-based index of the document in its file. */
  index: number;
  root: YValue | null;
  /** Offset of the document's first content (for "document N" messages). */
  start: number;
}

export interface LoadedFile {
  file: string;
  positions: Positions;
  documents: LoadedDocument[];
  problems: InputProblem[];
}

export function loadYaml(file: string, text: string): LoadedFile {
  const positions = new Positions(file, text);
  const problems: InputProblem[] = [];
  const documents: LoadedDocument[] = [];
  const parsed = parseAllDocuments(text, { merge: true, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [];
  const template = text.includes('{{') ? findTemplateAction(text, list) : undefined;
  if (template !== undefined) {
    const { line, column } = positions.at(template);
    return {
      file,
      positions,
      documents: [],
      problems: [
        {
          code: 'helm-template',
          file,
          line,
          column,
          message:
            'unrendered Helm/Go template ({{ … }}); render it first (`helm template <chart> | oomlint -`) so oomlint sees what Kubernetes will',
        },
      ],
    };
  }
  list.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      problems.push(yamlProblem(file, positions, error, index, list.length));
      return;
    }
    documents.push({ index, root: toTree(doc, text), start: doc.range[0] });
  });
  return { file, positions, documents, problems };
}

function yamlProblem(file: string, positions: Positions, error: YAMLError, index: number, count: number): InputProblem {
  const { line, column } = positions.at(error.pos[0]);
  // The parser turns a stack overflow on absurdly deep nesting into an error of its own; say what it means.
  const raw = error.message.split('\n')[0] ?? error.message;
  const firstLine = /Maximum call stack size exceeded/.test(raw) ? 'nesting too deep to parse (the YAML parser ran out of stack); no manifest nests this deep' : raw;
  const where = count > 1 ? ` (document ${index + 1})` : '';
  const detail = explainYamlError(error.code);
  return {
    code: error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax',
    file,
    line,
    column,
    message: `${firstLine.replace(/ at line \d+, column \d+:?$/, '')}${where}${detail ? `; ${detail}` : ''}`,
  };
}

function explainYamlError(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      // sigs.k8s.io/yaml (kubectl) fails with 'mapping key "x" already defined'; the API server's
      // strict field validation rejects or warns on duplicate fields.
      return 'kubectl rejects duplicate keys (mapping key already defined); keep one';
    case 'TAB_AS_INDENT':
      return 'YAML forbids tabs for indentation; indent with spaces';
    default:
      return undefined;
  }
}
