import { useEffect, useMemo, useState } from 'react';
import type { SettingsSnapshot } from '../../../shared/analysis/settingsSchemas';
import { capacityFromStaffing, SEED_EXPANDED_STAFFING, SEED_STAFFING, StaffingSchema, type Staffing } from '../../../shared/shortlist/selectionRules';
import { formatCount, formatNumber } from '../../../shared/domain/numberFormat';
import { SettingFormSection } from './SettingsSection';
import { CheckedInput } from '../../components/CheckedField';
import { useSectionSave } from './settingsSave';
import { DataTable } from '../../components/DataTable';

type FieldKey = 'offenderManagers' | 'clientsPerManager' | 'policeLeads' | 'clientsPerPoliceLead' | 'admin' | 'resettlementOfficers' | 'clientsPerResettlementOfficer';

const FIELDS: ReadonlyArray<{ key: FieldKey; label: string; optional: boolean; hint: string }> = [
  { key: 'offenderManagers', label: 'Probation offender managers', optional: false, hint: 'Seed: 3.' },
  { key: 'clientsPerManager', label: 'Clients per offender manager', optional: false, hint: 'Seed model: 40.' },
  { key: 'policeLeads', label: 'Police operational leads', optional: false, hint: 'Seed: 2 (1 PS, 1 PC).' },
  { key: 'clientsPerPoliceLead', label: 'Clients per police lead', optional: true, hint: 'Seed model: 50. Blank: police leads do not limit the caseload.' },
  { key: 'admin', label: 'Probation admin', optional: true, hint: 'Seed: 1. Not a limit on the caseload.' },
  { key: 'resettlementOfficers', label: 'Resettlement officers', optional: true, hint: 'Seed: 3 (housing, employment, mental health).' },
  { key: 'clientsPerResettlementOfficer', label: 'Clients per resettlement officer', optional: true, hint: 'Blank: reviewed, not modelled (the seed’s position).' },
];

type Texts = Record<FieldKey, string>;

function textsOf(staffing: Staffing): Texts {
  const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    offenderManagers: text(staffing.offenderManagers),
    clientsPerManager: text(staffing.clientsPerManager),
    policeLeads: text(staffing.policeLeads),
    clientsPerPoliceLead: text(staffing.clientsPerPoliceLead),
    admin: text(staffing.admin),
    resettlementOfficers: text(staffing.resettlementOfficers),
    clientsPerResettlementOfficer: text(staffing.clientsPerResettlementOfficer),
  };
}

function staffingOf(texts: Texts): { staffing: Staffing | null; problems: Partial<Record<FieldKey, string>> } {
  const problems: Partial<Record<FieldKey, string>> = {};
  const num = (key: FieldKey): number | null => {
    const t = texts[key].trim();
    if (t === '') return null;
    const v = Number(t);
    if (!Number.isFinite(v) || v < 0) {
      problems[key] = 'A number, 0 or more.';
      return null;
    }
    return v;
  };
  const values = Object.fromEntries(FIELDS.map((f) => [f.key, num(f.key)])) as Record<FieldKey, number | null>;
  for (const f of FIELDS) if (!f.optional && values[f.key] === null && !problems[f.key]) problems[f.key] = 'Needed.';
  for (const key of ['clientsPerManager', 'clientsPerPoliceLead', 'clientsPerResettlementOfficer'] as const) if (values[key] === 0) problems[key] = 'More than 0, or blank.';
  if (Object.keys(problems).length) return { staffing: null, problems };
  const parsed = StaffingSchema.safeParse({
    mode: 'staffing',
    offenderManagers: values.offenderManagers,
    clientsPerManager: values.clientsPerManager,
    policeLeads: values.policeLeads,
    clientsPerPoliceLead: values.clientsPerPoliceLead,
    ...(values.admin !== null ? { admin: values.admin } : {}),
    ...(values.resettlementOfficers !== null ? { resettlementOfficers: values.resettlementOfficers } : {}),
    clientsPerResettlementOfficer: values.clientsPerResettlementOfficer,
  });
  return parsed.success ? { staffing: parsed.data, problems } : { staffing: null, problems: { offenderManagers: parsed.error.issues[0]?.message ?? 'Not valid.' } };
}

/** The team that sets the caseload capacity, with the capacity and its working as it is typed. */
export function StaffingSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const stored = snapshot.values.staffing;
  const [texts, setTexts] = useState<Texts>(() => textsOf(stored));
  useEffect(() => setTexts(textsOf(stored)), [stored]);
  const saving = useSectionSave(onSnapshot);
  const { staffing, problems } = useMemo(() => staffingOf(texts), [texts]);
  const capacity = staffing ? capacityFromStaffing(staffing) : null;
  const changed = staffing !== null && JSON.stringify(staffing) !== JSON.stringify(StaffingSchema.parse(stored));

  return (
    <SettingFormSection id="settings-staffing" title="Capacity and staffing" setting="staffing" snapshot={snapshot} saving={saving}
      intro="The caseload the IOM team can hold is the lowest of each limiting role’s staff × clients each (seed 004: 90–100 clients for 3 offender managers and 2 police leads; doubling needs 2 more of each)."
      update={staffing ? { key: 'staffing', value: staffing } : null}
    >
      <div className="staffing-grid">
        {FIELDS.map((f) => (
          <CheckedInput key={f.key} label={f.label} type="text" inputMode="decimal" className="input-number" value={texts[f.key]} onValueChange={(text) => setTexts({ ...texts, [f.key]: text })} problem={problems[f.key]} hint={f.hint} />
        ))}
      </div>
      {capacity ? (
        <div className="capacity-result" data-testid="capacity-result">
          <p>
            Caseload capacity: <strong data-testid="capacity-value">{formatCount(capacity.capacity)} clients</strong>
            {capacity.constrainedBy ? <> — limited by the {capacity.constrainedBy}</> : null}.
          </p>
          <p className="working-line">
            <code>{capacity.working}</code>
          </p>
          <DataTable columns={['Role', { label: 'Staff', numeric: true }, { label: 'Clients each', numeric: true }, { label: 'Clients', numeric: true }]} caption="Capacity by role" className="capacity-table">
            {capacity.perRole.map((r) => (
              <tr key={r.role} className={r.role === capacity.constrainedBy ? 'limiting' : undefined}>
                <th scope="row">
                  {r.role}
                  {r.role === capacity.constrainedBy ? <span className="pill pill-warn">limit</span> : null}
                </th>
                <td className="num">{formatNumber(r.staff, 2)}</td>
                <td className="num">{formatNumber(r.clientsPerStaff, 2)}</td>
                <td className="num">{formatCount(r.capacity)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
      <div className="form-actions start">
        <button type="submit" className="button primary" disabled={saving.busy || !staffing || !changed}>
          Save staffing
        </button>
        <button type="button" className="button secondary" onClick={() => setTexts(textsOf(SEED_STAFFING))}>
          Seed team (3 + 2)
        </button>
        <button type="button" className="button secondary" onClick={() => setTexts(textsOf(SEED_EXPANDED_STAFFING))}>
          Seed expanded team (5 + 4)
        </button>
      </div>
    </SettingFormSection>
  );
}
