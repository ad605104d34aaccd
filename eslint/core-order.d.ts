/** Types for core-order.js, which the lint config loads as plain JavaScript. */
export declare const CORE_ORDER: readonly (readonly string[])[];
export declare function coreOrderBlocks(): object[];
