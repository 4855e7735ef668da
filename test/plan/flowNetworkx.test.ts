import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FlowModelNeed, solveFlowModel } from "../../src/plan/flowModel.js";

/** Made by scripts/oracles/plan_flow_networkx.py (NetworkX max_flow_min_cost, the three levels in one exact integer cost). */
interface Fixture {
  source: string;
  problems: {
    seed: number;
    needs: FlowModelNeed[];
    capacity: Record<string, number>;
    backups: number;
    topicLimit: number | null;
    networkx: { primaries: number; units: number; cost: number };
  }[];
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "plan", "flow-networkx.json"), "utf8")) as Fixture;

describe("the lexicographic flow model against NetworkX (issue 11 evidence)", () => {
  it.each(fixture.problems.map((problem) => [problem.seed, problem.needs.length, problem.backups, problem.topicLimit ?? "none", problem] as const))(
    "problem %i (%i needs, backups %i, topic limit %s): same needs covered, units placed and total cost as NetworkX 2.8 max_flow_min_cost",
    (_seed, _needs, _backups, _limit, problem) => {
      const capacity = new Map(Object.entries(problem.capacity));
      const limit = problem.topicLimit;
      const result = solveFlowModel(problem.needs, capacity, problem.backups, limit === null ? undefined : () => limit);
      let primaries = 0;
      let units = 0;
      let cost = 0;
      const load = new Map<string, number>();
      const topicLoad = new Map<string, number>();
      for (const need of problem.needs) {
        const mentors = result.chosen.get(need.key) ?? [];
        // A valid plan: distinct eligible mentors, at most 1 + backups, within capacities and topic limits.
        expect(new Set(mentors).size).toBe(mentors.length);
        expect(mentors.length).toBeLessThanOrEqual(1 + problem.backups);
        for (const mentor of mentors) {
          const option = need.options.find((o) => o.mentor === mentor);
          expect(option).toBeDefined();
          cost += option?.cost ?? 0;
          load.set(mentor, (load.get(mentor) ?? 0) + 1);
          const key = JSON.stringify([mentor, need.topic]);
          topicLoad.set(key, (topicLoad.get(key) ?? 0) + 1);
        }
        units += mentors.length;
        if (mentors.length > 0) primaries++;
      }
      for (const [mentor, used] of load) expect(used).toBeLessThanOrEqual(capacity.get(mentor) ?? 0);
      if (limit !== null) for (const used of topicLoad.values()) expect(used).toBeLessThanOrEqual(limit);
      expect({ primaries, units, cost }).toEqual(problem.networkx);
    },
  );
});
