import './changesets.css';
import { useNavigationStore } from '../../stores/navigation-store';
import { ChangesetEditor } from './ChangesetEditor';
import { ChangesetList } from './ChangesetList';

/** The list of changesets, or the one open in the editor. */
export function ChangesetsPage() {
  const id = useNavigationStore((state) => state.changesetId);
  return id === null ? <ChangesetList /> : <ChangesetEditor id={id} />;
}
