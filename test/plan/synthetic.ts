/**
 * Synthetic networks like those of issue 11: each institution a hospital or a district (or all of
 * one kind), `topics` topics with half of them chosen by each institution, two periods of scores;
 * optionally with missing resource attributes (`holes`).
 */
import { TwinningNetwork } from "../../src/index.js";
import { seededRandom } from "../helpers.js";

export function syntheticNetwork(seed: number, institutions: number, topics = 6, kinds: readonly string[] = ["hospital", "district"], holes = 0): TwinningNetwork {
  const random = seededRandom(seed);
  const groups = ["North", "South", "East", "West", "Kigali"];
  const list = Array.from({ length: institutions }, (_, i) => ({
    id: `i${i}`,
    kind: kinds[Math.floor(random() * kinds.length)] as string,
    group: groups[Math.floor(random() * groups.length)] as string,
    staff: 20 + Math.floor(random() * 400),
    budget: 1 + Math.floor(random() * 100),
  }));
  // A share `holes` of institutions lack their staff or budget (a stream of its own: the rest of
  // the network is the same as without holes).
  if (holes > 0) {
    const holeRandom = seededRandom(seed + 1_000_003);
    for (const institution of list) {
      if (holeRandom() < holes) delete (institution as { staff?: number; budget?: number })[holeRandom() < 0.5 ? "staff" : "budget"];
    }
  }
  const topicList = Array.from({ length: topics }, (_, t) => ({ id: `t${t}`, min: 0, max: 100 }));
  const scores: { institution: string; topic: string; period: string; value: number }[] = [];
  for (const institution of list) {
    for (const topic of topicList) {
      const base = 20 + random() * 60;
      scores.push({ institution: institution.id, topic: topic.id, period: "2023", value: Math.round(base * 10) / 10 });
      scores.push({ institution: institution.id, topic: topic.id, period: "2024", value: Math.round((base + random() * 10 - 3) * 10) / 10 });
    }
  }
  const interests = list.flatMap((institution) => {
    const order = topicList.map((topic) => ({ topic, key: random() })).sort((a, b) => a.key - b.key);
    return order.slice(0, Math.floor(topics / 2)).map(({ topic }) => ({ institution: institution.id, topic: topic.id }));
  });
  return TwinningNetwork.from({ institutions: list, topics: topicList, scores, interests });
}
