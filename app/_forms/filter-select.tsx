// One choice of a search form (a plain GET form, which works with JavaScript off): a label, and
// "any" or one of the options. Shared by the actions, the groups directory and the audit log.
export const filterFieldClass = "w-full rounded-md border border-gray-500 bg-white px-2 py-2";

export function FilterSelect({
  name,
  label,
  anyLabel,
  value,
  options,
}: {
  name: string;
  label: string;
  anyLabel: string;
  value: string | null | undefined;
  options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className={filterFieldClass}>
        <option value="">{anyLabel}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
