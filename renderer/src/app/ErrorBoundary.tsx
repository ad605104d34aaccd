import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}

interface State {
  message: string | null;
}

/** A screen that crashes shows what happened in words and a way back; never a stack trace. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error && error.message ? error.message : 'An unexpected error occurred.' };
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="notice error screen-crash" role="alert">
        <strong>This screen stopped working.</strong>
        <p>{this.state.message}</p>
        <p className="muted">Your data is safe. Try again, or switch to another screen and come back.</p>
        <button type="button" className="button" onClick={() => this.setState({ message: null })}>
          Try again
        </button>
      </div>
    );
  }
}
