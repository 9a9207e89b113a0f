// Plugin verdicts. Plugins return a Status and never throw; Success is one shared object so the hot
// Filter path allocates nothing for nodes that pass.

export enum Code {
  Success = 0,
  Error = 1,
  /** Fails here, but preemption (removing pods) might help. */
  Unschedulable = 2,
  /** Fails here and removing pods would not change that. */
  UnschedulableAndUnresolvable = 3,
  /** The plugin has nothing to do for this pod (PreFilter / PreScore). */
  Skip = 4,
}

export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that produced the failure; filled in by the framework. */
    public plugin = '',
  ) {}

  isSuccess(): boolean {
    return this.code === Code.Success;
  }
  isSkip(): boolean {
    return this.code === Code.Skip;
  }
  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }
  message(): string {
    return this.reasons.join(', ');
  }
  withPlugin(plugin: string): Status {
    return new Status(this.code, this.reasons, plugin);
  }
}

export const SUCCESS: Status = Object.freeze(new Status(Code.Success)) as Status;
export const SKIP: Status = Object.freeze(new Status(Code.Skip)) as Status;

export const unschedulable = (...reasons: string[]) => new Status(Code.Unschedulable, reasons);
export const unresolvable = (...reasons: string[]) => new Status(Code.UnschedulableAndUnresolvable, reasons);
export const asError = (reason: string) => new Status(Code.Error, [reason]);

/** A constant failure for a plugin's fixed reason: built once so rejecting a node costs no allocation. */
export function fixed(code: Code, reason: string, plugin: string): Status {
  return Object.freeze(new Status(code, [reason], plugin)) as Status;
}
