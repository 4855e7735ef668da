import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveFlowModel } from "../../src/plan/flowModel.js";
import { BIGINT_ARITHMETIC, LexicographicFlow } from "../../src/plan/lexicographicFlow.js";
import { NetworkSimplex, NetworkSimplexError } from "../../src/plan/networkSimplex.js";
import { seededRandom } from "../helpers.js";

/** An arc of a plan graph; costs are multiples of 1/64 (exact in doubles and as BigInt * 64). */
interface ArcSpec {
  from: number;
  to: number;
  capacity: number;
  primary: number;
  backup: number;
  cost: number;
}

/** A plan graph: needs (supply 1 + backups) -> pools (topic limit) -> mentors (capacity) -> sink, with the two drop arcs per need. Nodes 0 .. nodes - 1, the sink last. */
interface PlanGraph {
  nodes: number;
  needs: number[];
  sink: number;
  units: number;
  arcs: ArcSpec[];
  /** Arcs a warm start adds after the first solve: the nodes they need come after `nodes`. */
  later: { newNodes: number; arcs: ArcSpec[] };
}

function randomPlanGraph(random: () => number, options: { equalCosts?: boolean; zeroCapacities?: boolean; large?: boolean } = {}): PlanGraph {
  const pick = (n: number) => Math.floor(random() * n);
  const cost = () => (options.equalCosts ? 1 : random() < 0.5 ? pick(9) - 4 : Math.round((random() - 0.5) * 1024) / 64);
  // Large graphs (hundreds of arcs, dozens of blocks) reach the sparse searches' list.
  const needCount = options.large ? 20 + pick(41) : 1 + pick(8);
  const mentorCount = options.large ? 5 + pick(11) : 1 + pick(4);
  const withPools = random() < 0.5;
  const topics = 1 + pick(2);
  const backups = pick(3);
  let nodes = 0;
  const needs = Array.from({ length: needCount }, () => nodes++);
  const needTopic = needs.map(() => pick(topics));
  const mentors = Array.from({ length: mentorCount }, () => nodes++);
  const arcs: ArcSpec[] = [];
  const pools = new Map<string, number>();
  const poolArcs: ArcSpec[] = [];
  const capacity = () => (options.zeroCapacities && random() < 0.5 ? 0 : pick(4));
  const poolOf = (mentor: number, topic: number, into: ArcSpec[], count: () => number) => {
    if (!withPools) return mentor;
    const key = `${mentor}/${topic}`;
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = count();
      pools.set(key, pool);
      into.push({ from: pool, to: mentor, capacity: options.zeroCapacities && random() < 0.3 ? 0 : 1 + pick(2), primary: 0, backup: 0, cost: 0 });
    }
    return pool;
  };
  const optionArcs: ArcSpec[] = [];
  needs.forEach((need, i) => {
    for (const mentor of mentors) if (random() < 0.6) optionArcs.push({ from: need, to: poolOf(mentor, needTopic[i] as number, poolArcs, () => nodes++), capacity: 1, primary: 0, backup: 0, cost: cost() });
  });
  const sink = nodes++;
  arcs.push(...optionArcs, ...poolArcs);
  for (const mentor of mentors) arcs.push({ from: mentor, to: sink, capacity: capacity(), primary: 0, backup: 0, cost: 0 });
  for (const need of needs) {
    if (backups > 0) arcs.push({ from: need, to: sink, capacity: backups, primary: 0, backup: 1, cost: 0 });
    arcs.push({ from: need, to: sink, capacity: 1, primary: 1, backup: 0, cost: 0 });
  }
  // Later: pairs to existing mentors (maybe a new pool) and to one or two new mentors.
  let extra = nodes;
  const laterArcs: ArcSpec[] = [];
  const newMentors = Array.from({ length: pick(3) }, () => extra++);
  for (const mentor of newMentors) laterArcs.push({ from: mentor, to: sink, capacity: capacity(), primary: 0, backup: 0, cost: 0 });
  needs.forEach((need, i) => {
    for (const mentor of [...mentors, ...newMentors]) {
      if (random() < 0.3) laterArcs.push({ from: need, to: poolOf(mentor, needTopic[i] as number, laterArcs, () => extra++), capacity: 1, primary: 0, backup: 0, cost: cost() });
    }
  });
  return { nodes, needs, sink, units: 1 + backups, arcs, later: { newNodes: extra - nodes, arcs: laterArcs } };
}

type Objective = [number, number, bigint];

/** The optimum by the generic class in BigInt arithmetic (successive shortest paths), costs scaled by 64. */
function genericOptimum(graph: PlanGraph, withLater: boolean): Objective {
  const flow = new LexicographicFlow(BIGINT_ARITHMETIC);
  const total = graph.nodes + (withLater ? graph.later.newNodes : 0);
  for (let node = 0; node < total; node++) flow.addNode();
  const arcs = withLater ? [...graph.arcs, ...graph.later.arcs] : graph.arcs;
  const ids = arcs.map((arc) => flow.addArc(arc.from, arc.to, arc.capacity, arc.primary, arc.backup, BigInt(arc.cost * 64)));
  // A topological order: needs, then pools (every node neither need nor sink, highest first: pools point to mentors), sink.
  const order = [...graph.needs];
  const rest = Array.from({ length: total }, (_, node) => node).filter((node) => !graph.needs.includes(node) && node !== graph.sink);
  const poolLike = new Set(arcs.filter((arc) => arc.to !== graph.sink && !graph.needs.includes(arc.from)).map((arc) => arc.from));
  order.push(...rest.filter((node) => poolLike.has(node)), ...rest.filter((node) => !poolLike.has(node)), graph.sink);
  flow.start(order);
  for (const need of graph.needs) expect(flow.route(need, graph.sink, graph.units)).toBe(graph.units);
  return objectiveOf(arcs, (k) => flow.flow(ids[k] as number));
}

function objectiveOf(arcs: readonly ArcSpec[], flowOf: (k: number) => number): Objective {
  let primary = 0;
  let backup = 0;
  let cost = 0n;
  arcs.forEach((arc, k) => {
    const units = flowOf(k);
    primary += units * arc.primary;
    backup += units * arc.backup;
    cost += BigInt(units) * BigInt(arc.cost * 64);
  });
  return [primary, backup, cost];
}

/**
 * Builds the graph in network simplex (node k of the spec is addNode's k-th node) and solves; with
 * `warm`, solves, then adds the later arcs and solves again. `dropped`: starts from the flow that
 * drops every unit, with a starting tree (mentors and pools hang by their arcs where these have
 * room, needs by a drop arc with room), instead of the artificial start.
 */
function simplexSolve(graph: PlanGraph, mode: "cold" | "cold with later" | "warm", dropped = false) {
  const simplex = new NetworkSimplex();
  const node: number[] = [];
  for (let k = 0; k < graph.nodes; k++) node.push(simplex.addNode());
  for (const need of graph.needs) simplex.setSupply(node[need] as number, graph.units);
  simplex.setSupply(node[graph.sink] as number, -graph.units * graph.needs.length);
  const add = (arcs: readonly ArcSpec[]) => arcs.map((arc) => simplex.addArc(node[arc.from] as number, node[arc.to] as number, arc.capacity, arc.primary, arc.backup, arc.cost));
  const addLaterNodes = () => {
    for (let k = 0; k < graph.later.newNodes; k++) node.push(simplex.addNode());
  };
  let ids: number[];
  if (mode === "cold") ids = add(graph.arcs);
  else if (mode === "cold with later") {
    addLaterNodes();
    ids = add([...graph.arcs, ...graph.later.arcs]);
  } else ids = add(graph.arcs);
  if (dropped) {
    const first = mode === "cold with later" ? [...graph.arcs, ...graph.later.arcs] : graph.arcs;
    const hasParent = new Set<number>();
    first.forEach((arc, k) => {
      const isDrop = graph.needs.includes(arc.from) && arc.to === graph.sink;
      if (isDrop) simplex.setStartingFlow(ids[k] as number, arc.capacity);
      const child = arc.from;
      if (!hasParent.has(child) && (isDrop ? false : arc.capacity > 0)) {
        if (!graph.needs.includes(child)) {
          simplex.setStartingParent(node[child] as number, ids[k] as number);
          hasParent.add(child);
        }
      }
    });
  }
  if (mode === "warm") {
    simplex.solve();
    addLaterNodes();
    ids.push(...add(graph.later.arcs));
  }
  simplex.solve();
  const arcs = mode === "cold" ? graph.arcs : [...graph.arcs, ...graph.later.arcs];
  return { simplex, node, ids, arcs, total: graph.nodes + (mode === "cold" ? 0 : graph.later.newNodes) };
}

/** Capacities, conservation (supplies), and the potentials' certificate: no residual arc has a negative reduced cost. */
function expectValidOptimalFlow(graph: PlanGraph, solved: ReturnType<typeof simplexSolve>): void {
  const { simplex, node, ids, arcs, total } = solved;
  const balance = new Array<number>(total).fill(0);
  arcs.forEach((arc, k) => {
    const units = simplex.flow(ids[k] as number);
    expect(Number.isInteger(units)).toBe(true);
    expect(units).toBeGreaterThanOrEqual(0);
    expect(units).toBeLessThanOrEqual(arc.capacity);
    balance[arc.from] = (balance[arc.from] as number) + units;
    balance[arc.to] = (balance[arc.to] as number) - units;
    const tail = simplex.potential(node[arc.from] as number);
    const head = simplex.potential(node[arc.to] as number);
    const reduced = [arc.primary + tail[0] - head[0], arc.backup + tail[1] - head[1], arc.cost + tail[2] - head[2]];
    const sign = reduced[0] !== 0 ? Math.sign(reduced[0] as number) : reduced[1] !== 0 ? Math.sign(reduced[1] as number) : Math.sign(reduced[2] as number);
    if (units < arc.capacity) expect(sign).toBeGreaterThanOrEqual(0);
    if (units > 0) expect(sign).toBeLessThanOrEqual(0);
  });
  for (let k = 0; k < total; k++) {
    const expected = graph.needs.includes(k) ? graph.units : k === graph.sink ? -graph.units * graph.needs.length : 0;
    expect(balance[k]).toBe(expected);
  }
}

describe("network simplex on plan graphs", () => {
  it("finds the same optimal triple (coverage, backups, cost) as the generic class in BigInt arithmetic, with a valid flow and a certificate, on random plan graphs with backups and topic limits (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const graph = randomPlanGraph(seededRandom(seed));
        const solved = simplexSolve(graph, "cold");
        expectValidOptimalFlow(graph, solved);
        expect(objectiveOf(solved.arcs, (k) => solved.simplex.flow(solved.ids[k] as number))).toEqual(genericOptimum(graph, false));
      }),
      { numRuns: 600 },
    );
  });

  it("with hundreds of arcs (the pricing's list of sparse searches in use): the same optimal triple as the generic class in BigInt arithmetic, cold and warm, with a valid flow and a certificate (fast-check)", () => {
    let fromList = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const graph = randomPlanGraph(seededRandom(seed), { large: true });
        const cold = simplexSolve(graph, "cold");
        expectValidOptimalFlow(graph, cold);
        expect(objectiveOf(cold.arcs, (k) => cold.simplex.flow(cold.ids[k] as number))).toEqual(genericOptimum(graph, false));
        const warm = simplexSolve(graph, "warm");
        expectValidOptimalFlow(graph, warm);
        expect(objectiveOf(warm.arcs, (k) => warm.simplex.flow(warm.ids[k] as number))).toEqual(genericOptimum(graph, true));
        fromList += cold.simplex.pivotsFromList + warm.simplex.pivotsFromList;
        // The last search of a solve prices every arc (the proof of optimality).
        for (const { simplex, arcs } of [cold, warm]) {
          expect(simplex.pivotsFromList).toBeLessThanOrEqual(simplex.pivots);
          expect(simplex.degeneratePivots).toBeLessThanOrEqual(simplex.pivots);
          expect(simplex.arcsPriced).toBeGreaterThanOrEqual(arcs.length);
        }
      }),
      { numRuns: 60 },
    );
    expect(fromList).toBeGreaterThan(0);
  });

  it("a warm start (arcs, new pools and mentors added after a solve) reaches the optimum of a solve from scratch and of the generic class (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const graph = randomPlanGraph(seededRandom(seed));
        const warm = simplexSolve(graph, "warm");
        const cold = simplexSolve(graph, "cold with later");
        expectValidOptimalFlow(graph, warm);
        const value = objectiveOf(warm.arcs, (k) => warm.simplex.flow(warm.ids[k] as number));
        expect(value).toEqual(objectiveOf(cold.arcs, (k) => cold.simplex.flow(cold.ids[k] as number)));
        expect(value).toEqual(genericOptimum(graph, true));
      }),
      { numRuns: 400 },
    );
  });

  it("degenerate graphs (zero capacities, all costs equal) match the generic class in BigInt arithmetic (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, equalCosts) => {
        const graph = randomPlanGraph(seededRandom(seed), { equalCosts, zeroCapacities: true });
        for (const mode of ["cold", "warm"] as const) {
          const solved = simplexSolve(graph, mode);
          expectValidOptimalFlow(graph, solved);
          expect(objectiveOf(solved.arcs, (k) => solved.simplex.flow(solved.ids[k] as number))).toEqual(genericOptimum(graph, mode === "warm"));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("started from the flow that drops every unit (a given starting tree) finds the same optimal triple as the generic class, with a valid flow and a certificate (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const graph = randomPlanGraph(seededRandom(seed), { zeroCapacities: seed % 2 === 0 });
        for (const mode of ["cold", "warm"] as const) {
          const solved = simplexSolve(graph, mode, true);
          expectValidOptimalFlow(graph, solved);
          expect(objectiveOf(solved.arcs, (k) => solved.simplex.flow(solved.ids[k] as number))).toEqual(genericOptimum(graph, mode === "warm"));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rejects a starting flow or tree it cannot start from: unbalanced, an arc off the tree strictly inside its bounds, a full arc up to the parent, an empty arc down from it, a cycle of parents", () => {
    const make = () => {
      const simplex = new NetworkSimplex();
      const need = simplex.addNode();
      const mentor = simplex.addNode();
      const sink = simplex.addNode();
      simplex.setSupply(need, 2);
      simplex.setSupply(sink, -2);
      const pair = simplex.addArc(need, mentor, 2, 0, 0, 1);
      const slots = simplex.addArc(mentor, sink, 2, 0, 0, 0);
      const drop = simplex.addArc(need, sink, 2, 1, 0, 0);
      return { simplex, need, mentor, sink, pair, slots, drop };
    };
    const unbalanced = make();
    unbalanced.simplex.setStartingFlow(unbalanced.drop, 1);
    expect(() => unbalanced.simplex.solve()).toThrow(/balance/);
    const inside = make();
    inside.simplex.setStartingFlow(inside.drop, 1);
    inside.simplex.setStartingFlow(inside.pair, 1);
    inside.simplex.setStartingFlow(inside.slots, 1);
    expect(() => inside.simplex.solve()).toThrow(/strictly between/);
    const full = make();
    full.simplex.setStartingFlow(full.drop, 2);
    full.simplex.setStartingParent(full.need, full.drop);
    expect(() => full.simplex.solve()).toThrow(/full/);
    const empty = make();
    empty.simplex.setStartingFlow(empty.drop, 2);
    empty.simplex.setStartingParent(empty.mentor, empty.pair);
    expect(() => empty.simplex.solve()).toThrow(/carries nothing/);
    const cycle = make();
    cycle.simplex.setStartingFlow(cycle.drop, 2);
    cycle.simplex.setStartingParent(cycle.mentor, cycle.slots);
    cycle.simplex.setStartingParent(cycle.sink, cycle.drop);
    cycle.simplex.setStartingParent(cycle.need, cycle.pair);
    expect(() => cycle.simplex.solve()).toThrow(/cycle/);
    const good = make();
    good.simplex.setStartingFlow(good.drop, 2);
    good.simplex.setStartingParent(good.mentor, good.slots);
    good.simplex.solve();
    expect([good.simplex.flow(good.pair), good.simplex.flow(good.slots), good.simplex.flow(good.drop)]).toEqual([2, 2, 0]);
  });

  it("is deterministic: the same graph gives the same flow on every arc and the same potentials", () => {
    for (let seed = 0; seed < 50; seed++) {
      const graph = randomPlanGraph(seededRandom(seed));
      const a = simplexSolve(graph, "warm");
      const b = simplexSolve(graph, "warm");
      expect(a.ids.map((arc) => b.simplex.flow(arc))).toEqual(a.ids.map((arc) => a.simplex.flow(arc)));
      expect(a.node.map((node) => b.simplex.potential(node))).toEqual(a.node.map((node) => a.simplex.potential(node)));
    }
  });

  it("no arcs, no supply: solves to nothing; a single need with only its drop arcs drops every unit", () => {
    const empty = new NetworkSimplex();
    empty.addNode();
    empty.addNode();
    empty.solve();
    expect(empty.pivots).toBe(0);
    const single = new NetworkSimplex();
    const need = single.addNode();
    const sink = single.addNode();
    single.setSupply(need, 2);
    single.setSupply(sink, -2);
    const backup = single.addArc(need, sink, 1, 0, 1, 0);
    const primary = single.addArc(need, sink, 1, 1, 0, 0);
    single.solve();
    expect([single.flow(backup), single.flow(primary)]).toEqual([1, 1]);
  });

  it("a single need with one mentor takes it, then a cheaper mentor added by a warm start", () => {
    const simplex = new NetworkSimplex();
    const need = simplex.addNode();
    const mentor = simplex.addNode();
    const sink = simplex.addNode();
    simplex.setSupply(need, 1);
    simplex.setSupply(sink, -1);
    const pair = simplex.addArc(need, mentor, 1, 0, 0, 5);
    simplex.addArc(mentor, sink, 1, 0, 0, 0);
    simplex.addArc(need, sink, 1, 1, 0, 0);
    simplex.solve();
    expect(simplex.flow(pair)).toBe(1);
    const other = simplex.addNode();
    const cheaper = simplex.addArc(need, other, 1, 0, 0, -2);
    simplex.addArc(other, sink, 1, 0, 0, 0);
    simplex.solve();
    expect([simplex.flow(pair), simplex.flow(cheaper)]).toEqual([0, 1]);
    expect(simplex.potential(need)[2] - simplex.potential(other)[2]).toBe(2);
  });

  it("rejects supplies that do not add up to 0, supplies on nodes added after a solve, loops, and reports an infeasible problem", () => {
    const unbalanced = new NetworkSimplex();
    unbalanced.setSupply(unbalanced.addNode(), 1);
    expect(() => unbalanced.solve()).toThrow(NetworkSimplexError);
    const late = new NetworkSimplex();
    late.addNode();
    late.solve();
    const added = late.addNode();
    expect(() => late.setSupply(added, 1)).toThrow(/after a solve/);
    expect(() => late.addArc(added, added, 1, 0, 0, 0)).toThrow(/loop/);
    const infeasible = new NetworkSimplex();
    const a = infeasible.addNode();
    const b = infeasible.addNode();
    infeasible.setSupply(a, 2);
    infeasible.setSupply(b, -2);
    infeasible.addArc(a, b, 1, 0, 0, 0);
    expect(() => infeasible.solve()).toThrow(/infeasible/);
  });
});

describe("the flow model on network simplex", () => {
  it("ids like constructor, __proto__ and toString work as need keys, mentors and topics (checked against the hand-solved optimum)", () => {
    const result = solveFlowModel(
      [
        { key: "constructor", topic: "__proto__", options: [{ mentor: "toString", cost: 1 }, { mentor: "__proto__", cost: 2 }] },
        { key: "__proto__", topic: "__proto__", options: [{ mentor: "toString", cost: 1 }] },
      ],
      new Map([["toString", 1], ["__proto__", 1]]),
      1,
      () => 1,
    );
    expect(result.exactIntegers).toBe(false);
    expect(result.chosen.get("__proto__")).toEqual(["toString"]);
    expect(result.chosen.get("constructor")).toEqual(["__proto__"]);
    expect(result.shortfalls.map((shortfall) => [shortfall.level, shortfall.deficit])).toEqual([["backup", 2]]);
  });

  it("a need with no options and zero capacities: nothing chosen, the need uncovered (hand-solved)", () => {
    const result = solveFlowModel([{ key: "a", topic: "t", options: [] }, { key: "b", topic: "t", options: [{ mentor: "m", cost: 0 }] }], new Map([["m", 0]]), 2, undefined);
    expect(result.chosen.size).toBe(0);
    expect(result.shortfalls.filter((shortfall) => shortfall.level === "primary").reduce((sum, shortfall) => sum + shortfall.deficit, 0)).toBe(2);
  });
});
