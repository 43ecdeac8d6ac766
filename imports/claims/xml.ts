// Reads an invoice's XML into a small tree of the elements that matter, with saxes (the streaming,
// non-validating parser exceljs already uses): it never reads a DTD's entities, never fetches
// anything, and a DOCTYPE is refused the moment it is seen. Signatures and addenda are skipped
// unbuilt; the file's size is capped before this is called (read-invoice.ts).
import { SaxesParser, type SaxesTagNS } from "saxes";
import { ImportError, isImportError } from "../errors";

export interface XmlElement {
  uri: string;
  local: string;
  /** Unprefixed attributes by name (CFDI's and NF-e's own attributes are unprefixed). */
  attrs: Map<string, string>;
  children: XmlElement[];
  /** The element's own text, at most MAX_TEXT characters (then cut). */
  text: string;
}

/** Text kept per element: NF-e's longest field (infCpl) holds 5,000 characters. */
const MAX_TEXT = 10_000;

/** Subtrees never built: a signature's or an addenda's content is not read. */
export type SkipElement = (uri: string, local: string) => boolean;

/** The root element of `text`, or the coded refusal: DTD, malformed, cut short. */
export function parseInvoiceXml(file: string, text: string, skip: SkipElement): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let skipping = 0;
  parser.on("doctype", () => {
    throw new ImportError("invoice_dtd", { file });
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (skipping > 0 || skip(tag.uri, tag.local)) {
      if (!tag.isSelfClosing) skipping += 1;
      return;
    }
    const attrs = new Map<string, string>();
    for (const key in tag.attributes) {
      const attribute = tag.attributes[key];
      if (attribute.prefix === "") attrs.set(attribute.local, attribute.value);
    }
    const element: XmlElement = { uri: tag.uri, local: tag.local, attrs, children: [], text: "" };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on("closetag", (tag) => {
    if (skipping > 0) {
      // A skipped subtree's own elements close too; only its outermost one ends the skip.
      if (!tag.isSelfClosing) skipping -= 1;
      return;
    }
    if (!tag.isSelfClosing) stack.pop();
  });
  const addText = (chunk: string) => {
    const element = stack[stack.length - 1];
    if (skipping > 0 || !element || element.text.length >= MAX_TEXT) return;
    element.text += chunk.slice(0, MAX_TEXT - element.text.length);
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  let closing = false;
  try {
    parser.write(text);
    closing = true;
    parser.close();
  } catch (error) {
    if (isImportError(error)) throw error;
    throw new ImportError("invoice_malformed", {
      file,
      cutShort: closing && stack.length > 0,
      line: parser.line,
      column: parser.column,
    });
  }
  if (!root)
    throw new ImportError("invoice_malformed", { file, cutShort: true, line: 1, column: 1 });
  return root;
}

/** The direct children of `parent` in namespace `uri` named `local`. */
export function childrenOf(parent: XmlElement, uri: string, local: string): XmlElement[] {
  return parent.children.filter((child) => child.local === local && child.uri === uri);
}

/** The first direct child of `parent` in namespace `uri` named `local`, if any. */
export function childOf(parent: XmlElement, uri: string, local: string): XmlElement | undefined {
  return parent.children.find((child) => child.local === local && child.uri === uri);
}
