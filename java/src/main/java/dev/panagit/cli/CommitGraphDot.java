package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ugit's {@code k}: every ref and every commit reachable from them, as a Graphviz DOT graph. */
final class CommitGraphDot {
    private CommitGraphDot() {
    }

    /** The DOT text of the graph: refs as boxes pointing at their commits, commits at their parents. */
    public static String render(Repository repo) throws IOException {
        Refs refs = repo.refs();
        Map<String, ObjectId> all = refs.all();
        StringBuilder dot = new StringBuilder("digraph commits {\n");
        dot.append("  rankdir=BT;\n");
        dot.append("  node [fontname=\"monospace\"];\n");
        List<ObjectId> tips = new ArrayList<>();
        for (Map.Entry<String, ObjectId> ref : all.entrySet()) {
            Optional<ObjectId> commit = commitOf(repo, ref.getValue());
            ObjectId target = commit.orElse(ref.getValue());
            dot.append("  \"").append(ref.getKey()).append("\" [shape=note];\n");
            dot.append("  \"").append(ref.getKey()).append("\" -> \"").append(target.name()).append("\";\n");
            commit.ifPresent(tips::add);
        }
        Optional<String> headTarget = refs.symbolicTarget(Refs.HEAD);
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        if (head.isPresent()) {
            dot.append("  \"HEAD\" [shape=note];\n");
            dot.append("  \"HEAD\" -> \"").append(headTarget.orElse(head.get().name())).append("\";\n");
            tips.add(head.get());
        }
        for (CommitWalk.Entry entry : new CommitWalk(repo).byDate(tips, -1)) {
            String id = entry.id().name();
            dot.append("  \"").append(id).append("\" [shape=box style=filled label=\"")
                    .append(id, 0, 10).append("\\n").append(escape(entry.commit().subject())).append("\"];\n");
            for (ObjectId parent : entry.commit().parents()) {
                dot.append("  \"").append(id).append("\" -> \"").append(parent.name()).append("\";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static Optional<ObjectId> commitOf(Repository repo, ObjectId id) throws IOException {
        try {
            return Optional.of(repo.peel(id, dev.panagit.lib.ObjectType.COMMIT));
        } catch (dev.panagit.repo.WrongObjectTypeException e) {
            return Optional.empty();   // a tag of a tree or blob: shown, not walked
        }
    }

    private static String escape(String s) {
        String cut = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        return cut.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
