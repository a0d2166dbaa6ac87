/** What every wizard step gets: the form, a setter, its problems and the host's choices. */
import type { CreateChoices } from '../../../shared/contract/vm-create';
import type { CreateForm, Problems } from './create-form';

export interface StepProps {
  form: CreateForm;
  set: (patch: Partial<CreateForm>) => void;
  problems: Problems;
  /** Shown only once the user tried to go on, so a fresh form is not all red. */
  showProblems: boolean;
  choices: CreateChoices | undefined;
}

/** A field's error, when problems are shown. */
export const errorOf = (p: StepProps, k: keyof CreateForm): string | undefined => (p.showProblems ? p.problems[k] : undefined);
