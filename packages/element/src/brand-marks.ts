/**
 * Small inline marks of the card brands, drawn here (no image is fetched): simple recognisable
 * shapes in each network's colours, not the networks' artwork, with no text of their own (the
 * brand's name is given as text beside them, for assistive technology and in the saved-card list).
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { CardBrand } from '@payin-checkout/core';

/** The card-shaped ground of a mark; a white one gets an outline, to show on a white field. */
const tile = (fill: string) => svg`<rect x=".5" y=".5" width="39" height="25" rx="4" fill=${fill} stroke=${fill === '#fff' ? '#b6bcc4' : fill}/>`;

/** Letters drawn as white strokes on a tile. */
const letters = (fill: string, d: string): SVGTemplateResult =>
  svg`${tile(fill)}<path d=${d} fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>`;

/** Two overlapping circles on a dark tile: Mastercard's and Maestro's shape. */
const rings = (left: string, right: string): SVGTemplateResult =>
  svg`${tile('#252525')}<circle cx="15.5" cy="13" r="8" fill=${left}/><circle cx="24.5" cy="13" r="8" fill=${right} fill-opacity=".8"/>`;

/** Upright bars side by side: JCB's and UnionPay's colours. */
const bars = (...fills: string[]): SVGTemplateResult =>
  svg`${tile('#fff')}${fills.map((fill, i) => svg`<rect x=${8 + i * 8.5} y="5" width="7" height="16" rx="2" fill=${fill}/>`)}`;

const MARKS: Record<CardBrand, () => SVGTemplateResult> = {
  visa: () => letters('#1434cb', 'M7 8l3 10 3-10M16 8v10M25 9c-1-1.5-6-1.5-6 1.5s6 2 6 5-5 3-6 1.5M27 18l3-10 3 10m-5-3h4'),
  mastercard: () => rings('#eb001b', '#f79e1b'),
  amex: () => letters('#016fd0', 'M5 18l3-10 3 10m-5-3h4M13 18V8l3.5 6L20 8v10M27 8h-4v10h4m-4-5h3.5M29 8l5 10m0-10l-5 10'),
  maestro: () => rings('#0099df', '#eb001b'),
  discover: () => svg`${tile('#fff')}<circle cx="20" cy="13" r="7" fill="#f58220"/>`,
  jcb: () => bars('#0e4c96', '#c8102e', '#007b40'),
  unionpay: () => bars('#c8102e', '#0e4c96', '#00797a'),
  mir: () => svg`${tile('#0f754e')}<rect x="26" y="8" width="8" height="10" rx="2" fill="#2ea8e0"/>`,
};

/** The brand's mark, hidden from assistive technology (say the brand's name beside it). */
export const brandMark = (brand: CardBrand): TemplateResult =>
  html`<svg class="mark" data-brand=${brand} viewBox="0 0 40 26" width="40" height="26" aria-hidden="true" focusable="false">${MARKS[brand]()}</svg>`;
