/** A render error in one part of the panel shows there, never blanks the whole panel. */
import { Component, type ComponentChildren } from 'preact';

interface Props {
  name: string;
  children: ComponentChildren;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  override componentDidCatch(error: Error): void {
    this.setState({ error });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div class="crash" role="alert" data-testid={`crash-${this.props.name}`}>
        The {this.props.name} could not be drawn: {error.message}.{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>Retry</button>
      </div>
    );
  }
}
