using System.Net;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NewsPlatform.Web.Presentation;

/// <summary>The readable fields of one version of an article's copy, in the order the desk shows them.</summary>
public sealed record CopyFields(IReadOnlyList<(string Label, string Text)> Fields)
{
    /// <param name="body">The body as HTML: compared paragraph by paragraph, as words (markup changes alone are no change a reader sees).</param>
    public static CopyFields Of(
        string? headline, string? summary, string? body, string? section, string? subsection, string? byline,
        string? sourceCredit, IEnumerable<string> tags, bool premium, string? leadPhoto, IEnumerable<string> gallery) =>
        new([
            ("Headline", headline ?? ""),
            ("Summary", summary ?? ""),
            ("Body", VersionDiff.BodyText(body)),
            ("Section", string.IsNullOrEmpty(subsection) ? section ?? "" : $"{section} › {subsection}"),
            ("Byline", byline ?? ""),
            ("Source credit", sourceCredit ?? ""),
            ("Tags", string.Join(", ", tags)),
            ("Premium", premium ? "yes" : "no"),
            ("Lead photo", leadPhoto ?? ""),
            ("Gallery", string.Join("\n", gallery)),
        ]);
}

public enum DiffMark { Same, Removed, Added }

/// <summary>A run of words of one side, marked as in both, only in the left (removed) or only in the right (added).</summary>
public sealed record DiffRun(string Text, DiffMark Mark);

/// <summary>One line of a field side by side; a line that exists on one side only has nothing on the other.</summary>
public sealed record DiffRow(IReadOnlyList<DiffRun>? Left, IReadOnlyList<DiffRun>? Right, bool Changed);

public sealed record FieldDiff(string Label, IReadOnlyList<DiffRow> Rows);

/// <summary>
/// Two versions of an article side by side, field by field, changed words marked (DiffPlex: lines, then the
/// words of a changed line). Only the fields that differ are listed.
/// </summary>
public static partial class VersionDiff
{
    public static IReadOnlyList<FieldDiff> Between(CopyFields left, CopyFields right) =>
        left.Fields.Zip(right.Fields)
            .Where(pair => pair.First.Text != pair.Second.Text)
            .Select(pair => new FieldDiff(pair.First.Label, Rows(pair.First.Text, pair.Second.Text)))
            .ToList();

    private static IReadOnlyList<DiffRow> Rows(string left, string right)
    {
        var model = SideBySideDiffBuilder.Instance.BuildDiffModel(left, right, ignoreWhitespace: false);
        var rows = new List<DiffRow>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            rows.Add(new DiffRow(Side(old, DiffMark.Removed), Side(@new, DiffMark.Added),
                old?.Type != ChangeType.Unchanged || @new?.Type != ChangeType.Unchanged));
        }
        return rows;
    }

    private static IReadOnlyList<DiffRun>? Side(DiffPiece? line, DiffMark changed) => line switch
    {
        null or { Type: ChangeType.Imaginary } => null,
        { Type: ChangeType.Unchanged } => [new DiffRun(line.Text ?? "", DiffMark.Same)],
        { Type: ChangeType.Modified } when line.SubPieces.Count > 0 => Merge(line.SubPieces
            .Where(p => p.Type != ChangeType.Imaginary)
            .Select(p => new DiffRun(p.Text ?? "", p.Type == ChangeType.Unchanged ? DiffMark.Same : changed))),
        _ => [new DiffRun(line.Text ?? "", changed)],
    };

    // Neighbouring words of one kind read as one mark, not a mark per word.
    private static List<DiffRun> Merge(IEnumerable<DiffRun> runs)
    {
        var merged = new List<DiffRun>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && merged[^1].Mark == run.Mark) merged[^1] = merged[^1] with { Text = merged[^1].Text + run.Text };
            else merged.Add(run);
        }
        return merged;
    }

    /// <summary>A body's text, one line per paragraph, heading, list item or quote.</summary>
    public static string BodyText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var lines = BlockEnd().Replace(html, "\n");
        var text = WebUtility.HtmlDecode(Tag().Replace(lines, ""));
        return string.Join("\n", text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0));
    }

    [GeneratedRegex(@"</(p|h[1-6]|li|blockquote|pre|figcaption|div)\s*>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\u00a0]+")]
    private static partial Regex Spaces();
}
