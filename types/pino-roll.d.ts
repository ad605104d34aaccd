// pino-roll ships no types: the part Inflow uses. It resolves to a sonic-boom stream (its options pass through).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    extension?: string;
    limit?: { count?: number };
    mkdir?: boolean;
    mode?: number;
    sync?: boolean;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
