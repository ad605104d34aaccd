// Types for eslint/layers.js, which the layer test imports.
import type { Linter } from 'eslint';

export const ROOT: string;
export const LAYERS: Record<string, { may: string[]; package: (name: string) => boolean; says: string }>;
export function layerOf(file: string): string | undefined;
export function layerViolation(file: string, specifier: string): string | null;
export const architecture: Linter.Config[];
