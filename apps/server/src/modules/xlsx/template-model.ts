/** The data an Excel template is written from: plain values, no database rows. */
import type { NarrativeSection, ValueType } from '@nhip/contracts';
import type { TemplateIdentity } from './template-layout.js';

export type TemplateElement = {
  code: string;
  name: string;
  uom: string | null;
  valueType: ValueType;
  min: number | null;
  max: number | null;
  required: boolean;
  /** The saved value (canonical string as stored), null when none. */
  value: string | null;
  comment: string | null;
  previous: string | null;
  lastYear: string | null;
};

export type TemplateModel = {
  identity: TemplateIdentity;
  deadline: Date | string | null;
  previousLabel: string | null;
  lastYearLabel: string | null;
  sections: { title: string; elements: TemplateElement[] }[];
  /** null when the form has no narrative sections. */
  narrative: Record<NarrativeSection, string> | null;
  generatedAt: Date;
};
