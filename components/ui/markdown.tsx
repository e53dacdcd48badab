"use client";

import { useState, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import "./markdown.css";

/** Extra buttons shown on every fenced code block, e.g. "insert at cursor" in a room. */
export interface CodeAction {
  label: string;
  onRun(code: string, language: string | undefined): void;
  /** Shown but not clickable, e.g. for a viewer in a room; `disabledReason` becomes its tooltip. */
  disabled?: boolean;
  disabledReason?: string;
}

interface MarkdownProps {
  children: string;
  codeActions?: readonly CodeAction[];
  className?: string;
}

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (node && typeof node === "object" && "props" in node) {
    return textOf((node.props as { children?: ReactNode }).children);
  }
  return "";
}

function CopyButton({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="code-action"
      onClick={() => {
        void navigator.clipboard?.writeText(code).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}

function CodeBlock({ children, actions }: { children: ReactNode; actions: readonly CodeAction[] }) {
  const codeElement = Array.isArray(children) ? children[0] : children;
  const className =
    codeElement && typeof codeElement === "object" && "props" in codeElement
      ? ((codeElement.props as { className?: string }).className ?? "")
      : "";
  const language = /language-([\w+#-]+)/.exec(className)?.[1];
  const code = textOf(children).replace(/\n$/, "");
  return (
    <div className="code-block">
      <div className="code-toolbar">
        <span className="code-language">{language ?? "text"}</span>
        <span className="code-actions">
          {actions.map((action) => (
            <button
              key={action.label}
              type="button"
              className="code-action"
              disabled={action.disabled}
              title={action.disabled ? action.disabledReason : undefined}
              onClick={() => action.onRun(code, language)}
            >
              {action.label}
            </button>
          ))}
          <CopyButton code={code} />
        </span>
      </div>
      {/* Focusable so a keyboard can scroll a long line (scrollable regions must be reachable). */}
      <pre tabIndex={0}>{children}</pre>
    </div>
  );
}

/**
 * Markdown from users and models, rendered safely: raw HTML is never interpreted (react-markdown
 * escapes it), links only keep http(s)/mailto/relative targets, and code is highlighted.
 */
export function Markdown({ children, codeActions = [], className }: MarkdownProps) {
  const components: Components = {
    pre: ({ children: pre }) => <CodeBlock actions={codeActions}>{pre}</CodeBlock>,
    a: ({ href, children: label }) => {
      const external = href !== undefined && /^https?:/i.test(href);
      return (
        <a href={href} {...(external && { target: "_blank", rel: "noopener noreferrer nofollow" })}>
          {label}
        </a>
      );
    },
  };
  return (
    <div className={`markdown${className ? ` ${className}` : ""}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
