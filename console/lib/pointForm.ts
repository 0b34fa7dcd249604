import { LifecycleStage } from '../../lib/contract/common.ts';
import { EventType } from '../../lib/contract/events.ts';
import {
  type TalkingPoint,
  TalkingPointInput,
  type TalkingPointPatch,
  TalkingPointStatus,
} from '../../lib/contract/talking-points.ts';
import { windowInOrder } from '../../lib/contract/window.ts';
import { type FieldErrors, fieldErrors, WINDOW_OUT_OF_ORDER } from './errors.ts';
import { fromLocalInput, toLocalInput } from './format.ts';

export type PointStatus = (typeof TalkingPointStatus.options)[number];

/** What the talking-point form holds: strings as typed, picks as lists, dates as `datetime-local` values. */
export interface PointForm {
  title: string;
  body: string;
  campaign: string;
  status: PointStatus;
  priority: number;
  personas: string[];
  industries: string[];
  regions: string[];
  lifecycleStages: string[];
  contentIds: string[];
  topics: string[];
  eventTypes: string[];
  validFrom: string;
  validTo: string;
}

/** The fields holding a list of picks (audience and triggers). */
export type ListField = {
  [Name in keyof PointForm]: PointForm[Name] extends string[] ? Name : never;
}[keyof PointForm];

export const EMPTY_POINT: PointForm = {
  title: '',
  body: '',
  campaign: '',
  status: 'draft',
  priority: 3,
  personas: [],
  industries: [],
  regions: [],
  lifecycleStages: [],
  contentIds: [],
  topics: [],
  eventTypes: [],
  validFrom: '',
  validTo: '',
};

export function pointToForm(point: TalkingPoint): PointForm {
  return {
    title: point.title,
    body: point.body,
    campaign: point.campaign ?? '',
    status: point.status,
    priority: point.priority,
    personas: [...point.audience.personas],
    industries: [...point.audience.industries],
    regions: [...point.audience.regions],
    lifecycleStages: [...point.audience.lifecycleStages],
    contentIds: [...point.triggers.contentIds],
    topics: [...point.triggers.topics],
    eventTypes: [...point.triggers.eventTypes],
    validFrom: toLocalInput(point.validFrom),
    validTo: toLocalInput(point.validTo),
  };
}

function candidate(form: PointForm, status: PointStatus) {
  return {
    ...(form.campaign ? { campaign: form.campaign } : {}),
    title: form.title,
    body: form.body,
    status,
    priority: form.priority,
    audience: {
      personas: form.personas,
      industries: form.industries,
      regions: form.regions,
      lifecycleStages: form.lifecycleStages,
    },
    triggers: { contentIds: form.contentIds, topics: form.topics, eventTypes: form.eventTypes },
    ...(form.validFrom ? { validFrom: fromLocalInput(form.validFrom) } : {}),
    ...(form.validTo ? { validTo: fromLocalInput(form.validTo) } : {}),
  };
}

export type PointCheck = { ok: true; input: TalkingPointInput } | { ok: false; errors: FieldErrors };

/** Checked with the contract's schema, so the form says what the endpoint would. */
export function checkPoint(form: PointForm, status: PointStatus = form.status): PointCheck {
  const input = candidate(form, status);
  const parsed = TalkingPointInput.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  // The contract's rule, in the form's words (its fields are labelled "Valid from" and "Valid to").
  const errors: Record<string, string> = { ...fieldErrors(parsed.error) };
  if (!windowInOrder(input.validFrom, input.validTo)) errors.validTo = WINDOW_OUT_OF_ORDER;
  return { ok: false, errors };
}

/** Every field, so the stored point ends up exactly as the form shows it (`null` clears). */
export function pointPatch(input: TalkingPointInput): TalkingPointPatch {
  return {
    campaign: input.campaign ?? null,
    title: input.title,
    body: input.body,
    status: input.status,
    priority: input.priority,
    audience: input.audience,
    triggers: input.triggers,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
  };
}

export const STAGES: readonly string[] = LifecycleStage.options;
export const EVENT_TYPES: readonly string[] = EventType.options;
export const STATUSES: readonly PointStatus[] = TalkingPointStatus.options;
