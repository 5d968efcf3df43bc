/**
 * Small inline marks of the card brands, drawn here (no image is fetched): simple recognisable
 * shapes in each network's colours, not the networks' artwork. Decorative: the brand's name is
 * given as text beside them.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { CardBrand } from '@payin-checkout/core';

/** A card-shaped tile of `fill` with a word on it. */
const word = (fill: string, text: string, italic = false): SVGTemplateResult =>
  svg`<rect width="40" height="26" rx="4" fill=${fill}/><text x="20" y="17.5" fill="#fff" font-size="11" font-weight="700" font-family="system-ui,sans-serif" text-anchor="middle" font-style=${italic ? 'italic' : 'normal'}>${text}</text>`;

/** Two overlapping circles on a dark tile: Mastercard's and Maestro's shape. */
const rings = (left: string, right: string): SVGTemplateResult =>
  svg`<rect width="40" height="26" rx="4" fill="#252525"/><circle cx="15.5" cy="13" r="8" fill=${left}/><circle cx="24.5" cy="13" r="8" fill=${right} fill-opacity=".8"/>`;

const MARKS: Record<CardBrand, () => SVGTemplateResult> = {
  visa: () => word('#1434cb', 'VISA', true),
  mastercard: () => rings('#eb001b', '#f79e1b'),
  amex: () => word('#016fd0', 'AMEX'),
  maestro: () => rings('#0099df', '#eb001b'),
  discover: () => word('#d4561b', 'DISC'),
  jcb: () => word('#0e4c96', 'JCB'),
  unionpay: () => word('#c8102e', 'UPI'),
  mir: () => word('#0f754e', 'MIR'),
};

/** The brand's mark, hidden from assistive technology (say the brand's name beside it). */
export const brandMark = (brand: CardBrand): TemplateResult =>
  html`<svg class="mark" data-brand=${brand} viewBox="0 0 40 26" width="40" height="26" aria-hidden="true" focusable="false">${MARKS[brand]()}</svg>`;
