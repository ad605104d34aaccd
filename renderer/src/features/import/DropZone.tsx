import { useState, type DragEvent, type ReactNode } from 'react';

interface Props {
  onFile: (file: File) => void;
  children: ReactNode;
}

/** The import screen takes a file dropped anywhere on it; an overlay (no layout change) says so while dragging. */
export function DropZone({ onFile, children }: Props) {
  const [over, setOver] = useState(false);
  const carriesFile = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <div
      className="drop-zone"
      data-testid="import-drop"
      onDragOver={(event) => {
        if (!carriesFile(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a CSV or Excel export to preview it
        </div>
      )}
    </div>
  );
}
