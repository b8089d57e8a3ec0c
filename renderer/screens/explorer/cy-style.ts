// How the explorer draws: node shape and colour by kind, system colour by criticality, a heavy border for
// marks (compromised, crown jewel), edge colour by kind and privilege, and exercised edges solid and thick
// while merely granted ones are dashed. Colours come from the theme's CSS variables (light and dark).
import type cytoscape from 'cytoscape';
import { readColors } from '../reach/ReachGraph.tsx';

export function explorerStyle(el: HTMLElement): cytoscape.StylesheetJson {
  const base = readColors(el);
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim() || '#888';
  const c = {
    ...base,
    panel: v('--panel'),
    low: v('--sev-low'),
    medium: v('--sev-medium'),
    high: v('--sev-high'),
    anon: v('--anon'),
    muted: v('--muted'),
    focus: v('--focus'),
  };
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 10,
        color: c.text,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        width: 16,
        height: 16,
        'background-color': c.identity,
        'text-max-width': '140px',
        'text-wrap': 'ellipsis',
      },
    },
    { selector: 'node.crowd', style: { 'min-zoomed-font-size': 12 } },
    { selector: 'node[subkind = "human"]', style: { 'background-color': c.anon } },
    { selector: 'node[kind = "group"], node[kind = "role"]', style: { shape: 'hexagon', 'background-color': c.low, width: 20, height: 18 } },
    { selector: 'node[kind = "credential"]', style: { shape: 'diamond', 'background-color': c.credential } },
    { selector: 'node[kind = "network"]', style: { shape: 'triangle', 'background-color': c.muted } },
    { selector: 'node[kind = "system"]', style: { shape: 'round-rectangle', 'background-color': c.system, width: 20, height: 16 } },
    { selector: 'node[kind = "system"][criticality = "medium"]', style: { 'background-color': c.medium } },
    { selector: 'node[kind = "system"][criticality = "high"]', style: { 'background-color': c.high, width: 24, height: 18 } },
    { selector: 'node[kind = "system"][criticality = "critical"]', style: { 'background-color': c.crown, width: 28, height: 20 } },
    {
      selector: 'node[kind = "group-node"]',
      style: {
        shape: 'round-rectangle',
        width: 'label',
        height: 'label',
        padding: '8px',
        'font-size': 16,
        'background-color': c.panel,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': c.identity,
        'text-valign': 'center',
        'text-margin-y': 0,
        'font-weight': 'bold',
        'text-wrap': 'none',
        'min-zoomed-font-size': 0,
      },
    },
    { selector: 'node[?root]', style: { width: 26, height: 26, 'font-weight': 'bold' } },
    { selector: 'node[?crown]', style: { 'border-width': 4, 'border-style': 'double', 'border-color': c.crown } },
    {
      selector: 'node[?compromised]',
      style: {
        'border-width': 4,
        'border-style': 'solid',
        'border-color': c.source,
        'underlay-color': c.source,
        'underlay-opacity': 0.25,
        'underlay-padding': 5,
      },
    },
    { selector: 'node:selected', style: { 'overlay-color': c.focus, 'overlay-opacity': 0.3, 'overlay-padding': 6, 'z-index': 10 } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': c.edge,
        'target-arrow-color': c.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'straight',
        'line-style': 'dashed',
        'line-dash-pattern': [5, 3],
        opacity: 0.85,
      },
    },
    {
      selector: 'edge[kind = "can_assume"], edge[kind = "owns"], edge[kind = "runs_as"]',
      style: { 'line-color': c.identity, 'target-arrow-color': c.identity },
    },
    {
      selector: 'edge[kind = "has_credential"], edge[kind = "authenticates"], edge[kind = "stores"]',
      style: { 'line-color': c.credential, 'target-arrow-color': c.credential },
    },
    { selector: 'edge[privilege = "write"]', style: { width: 2, 'line-color': c.medium, 'target-arrow-color': c.medium } },
    { selector: 'edge[privilege = "admin"]', style: { width: 2.5, 'line-color': c.source, 'target-arrow-color': c.source } },
    // Exercised (seen in the logs) versus merely granted: solid, thicker, and the attack colour.
    { selector: 'edge[?exercised]', style: { 'line-style': 'solid', width: 3.5, 'line-color': c.high, 'target-arrow-color': c.high, opacity: 1 } },
    // Edge labels (kind · privilege · exercised) only where they can be read: zoomed in, or on hover.
    {
      selector: 'edge',
      style: {
        label: 'data(label)',
        'font-size': 8,
        'min-zoomed-font-size': 11,
        color: c.text,
        'text-rotation': 'autorotate',
        'text-background-color': c.panel,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
      },
    },
    { selector: 'edge.hovered', style: { 'min-zoomed-font-size': 0, 'font-size': 10, 'z-index': 20 } },
    { selector: 'edge:selected', style: { 'line-color': c.focus, 'target-arrow-color': c.focus, width: 3 } },
    // The selected node's path from the start, lit; everything else dimmed but still there to hover.
    { selector: '.dim', style: { opacity: 0.15 } },
    // (No z-index here: a change of z-index makes cytoscape re-sort every element and redraw its cached layers on each keypress.)
    { selector: 'edge.on-path', style: { width: 3.5, opacity: 1, 'line-color': c.focus, 'target-arrow-color': c.focus, 'min-zoomed-font-size': 0 } },
    { selector: 'node.on-path', style: { opacity: 1, 'min-zoomed-font-size': 0 } },
    // What the filter leaves out is hidden, not removed: no re-query, no re-layout when it comes back.
    { selector: '.filtered', style: { display: 'none' } },
  ];
}
