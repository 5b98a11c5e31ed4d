/* eslint-disable @typescript-eslint/no-explicit-any -- parsed YAML / XML documents, checked field by field */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { adml, admx, mobileconfig, renderAll } from '../../../scripts/policy-templates';
import { validateMachinePolicy } from '../../../src-main/policy/machine-policy';
import { MachinePolicySchema, POLICY_KEYS, POLICY_REGISTRY_KEY, policyFromValues } from '../../../src-shared/contract';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['policy', 'string', 'presentation', 'item', 'category', 'key', 'dict'].includes(name) });
const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('the Group Policy templates (deploy/windows), generated from the one schema', () => {
  const definitions = parser.parse(admx()).policyDefinitions;

  it('the ADMX is well-formed XML and defines one policy per key, under SOFTWARE\\Policies\\Ecuapass Desktop, machine and user', () => {
    expect(XMLValidator.validate(admx())).toBe(true);
    const policies = asArray(definitions.policies.policy) as Record<string, unknown>[];
    expect(policies.map((p) => p['@name'])).toEqual(POLICY_KEYS.map((k) => k.name));
    for (const p of policies) {
      expect(p['@key']).toBe(POLICY_REGISTRY_KEY);
      expect(p['@class']).toBe('Both');
    }
  });

  it('each policy writes the registry type the reader takes: booleans REG_DWORD 1/0, integers as text, enums their values', () => {
    const byName = new Map((asArray(definitions.policies.policy) as Record<string, any>[]).map((p) => [p['@name'], p]));
    for (const k of POLICY_KEYS) {
      const p = byName.get(k.name)!;
      if (k.kind === 'boolean') {
        expect(p['@valueName']).toBe(k.name);
        expect(p.enabledValue.decimal['@value']).toBe('1');
        expect(p.disabledValue.decimal['@value']).toBe('0');
      } else if (k.kind === 'integer') {
        expect(p.elements.decimal).toMatchObject({ '@valueName': k.name, '@storeAsText': 'true', '@minValue': String(k.min), '@maxValue': String(k.max) });
      } else if (k.kind === 'enum') {
        const items = asArray(p.elements.enum.item) as { value: { string: string } }[];
        expect(items.map((i) => String(i.value.string))).toEqual([...k.values]);
      } else {
        expect(p.elements.text).toMatchObject({ '@valueName': k.name, '@maxLength': String(k.maxLength) });
      }
    }
  });

  it.each(['es-EC', 'en-US'] as const)('the %s ADML is well-formed and has every string and presentation the ADMX refers to', (lang) => {
    const text = adml(lang);
    expect(XMLValidator.validate(text)).toBe(true);
    const resources = parser.parse(text).policyDefinitionResources.resources;
    const strings = new Set((asArray(resources.stringTable.string) as { '@id': string }[]).map((s) => s['@id']));
    const presentations = new Set((asArray(resources.presentationTable.presentation) as { '@id': string }[]).map((s) => s['@id']));
    for (const [, kind, id] of admx().matchAll(/\$\((string|presentation)\.([A-Za-z0-9_]+)\)/g)) {
      expect((kind === 'string' ? strings : presentations).has(id!), `${kind}.${id}`).toBe(true);
    }
    for (const k of POLICY_KEYS) expect(strings.has(k.name)).toBe(true);
  });

  it('the Spanish texts are Spanish (the titles of the schema)', () => {
    expect(adml('es-EC')).toContain('Dirección del servidor');
    expect(adml('en-US')).toContain('Backend URL');
  });
});

describe('the sample configuration profile (deploy/macos)', () => {
  const text = mobileconfig();

  it('is a well-formed plist naming every policy key, its payload type the bundle id', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    const payload = parser.parse(text).plist.dict[0].array.dict[0];
    const keys = asArray(payload.key) as string[];
    expect(keys.slice(0, 2)).toEqual(['PayloadType', 'PayloadVersion']);
    expect(asArray(payload.string)[0]).toBe('com.ecuapassdesktop.app');
    for (const k of POLICY_KEYS) expect(text.includes(`<key>${k.name}</key>`), k.name).toBe(true);
  });

  it('its sample values are a policy the app accepts', () => {
    const values = Object.fromEntries(POLICY_KEYS.filter((k) => k.example !== undefined).map((k) => [k.name, k.example!]));
    expect(validateMachinePolicy(policyFromValues(values)).status).toBe('applied');
  });
});

describe('the schema and the checked-in files', () => {
  it('every MachinePolicySchema setting has a key, and nothing else does', () => {
    const shape = MachinePolicySchema.shape as Record<string, { unwrap?: () => { shape?: Record<string, unknown> } }>;
    const paths: string[] = [];
    for (const [name, field] of Object.entries(shape)) {
      const inner = field.unwrap?.();
      // proxy is an object with a refinement: its keys come from ProxySettingsSchema's own shape.
      const nested = inner?.shape ?? (inner as unknown as { def?: { in?: { shape?: Record<string, unknown> } } })?.def?.in?.shape;
      if (nested && name !== 'backendUrl') for (const sub of Object.keys(nested)) paths.push(`${name}.${sub}`);
      else paths.push(name);
    }
    expect(POLICY_KEYS.map((k) => k.path.join('.')).sort()).toEqual(paths.sort());
  });

  it('deploy/ and the docs tables are what the generator writes (npx tsx scripts/policy-templates.ts)', () => {
    const read = (rel: string) => readFileSync(rel, 'utf8');
    for (const [rel, textNow] of Object.entries(renderAll(read))) expect(read(rel), rel).toBe(textNow);
  });
});
