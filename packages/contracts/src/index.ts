export * from './roles.js';
export * from './policy.js';
export * from './conference.js';
export * from './awards.js';
export * from './followup.js';
export * from './news.js';
export * from './summary-draft.js';
export * from './calendar.js';
export * from './period.js';
export * from './period-labels.js';
export * from './expression.js';
export * from './format.js';
export * from './validation.js';
export * from './sentence-pattern.js';
export {
  checkText, codePointLabel, type ControlChar, controlCharReason, findControlChar, isMultilineText, MULTILINE_KEY, multilineText, printableName,
  type TextCheck, typedText,
} from './text.js';
