/**
 * Preact's `memo` without preact/compat: the component renders again only when one of its props
 * changed (shallow comparison). For components drawn many times per frame (the request list's
 * rows) whose props mostly stay the same while scrolling or capturing.
 */
import { Component, type ComponentChild, type FunctionComponent } from 'preact';

export function pure<P extends object>(render: (props: P) => ComponentChild, name: string): FunctionComponent<P> {
  class Pure extends Component<P> {
    static override displayName = name;
    override shouldComponentUpdate(next: P): boolean {
      return !shallowEqual(this.props, next);
    }
    override render(props: P): ComponentChild {
      return render(props);
    }
  }
  return Pure as unknown as FunctionComponent<P>;
}

function shallowEqual(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (x[k] !== y[k]) return false;
  for (const k in y) if (!(k in x)) return false;
  return true;
}
