using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RecSharp.Analyzers;

/// <summary>
/// Reports every line of a C# file that is longer than the <c>max_line_length</c> its .editorconfig sets
/// (<see cref="DefaultMaxLineLength"/> where none is set; <c>off</c> turns the check off). Generated code is skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LineLengthAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's id.</summary>
    public const string DiagnosticId = "RSH0001";

    /// <summary>The longest line allowed where .editorconfig sets no <c>max_line_length</c>.</summary>
    public const int DefaultMaxLineLength = 120;

    /// <summary>The .editorconfig key read.</summary>
    public const string MaxLineLengthKey = "max_line_length";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        title: "Line is too long",
        messageFormat: "Line is {0} characters long; max_line_length is {1}",
        category: "Style",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Lines longer than the .editorconfig's max_line_length (120 where unset) are not allowed.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxTreeAction(AnalyzeTree);
    }

    /// <summary>
    /// The limit an .editorconfig's options set: <c>max_line_length</c> as a positive whole number, null for
    /// <c>off</c>, and <see cref="DefaultMaxLineLength"/> when the key is absent or unreadable.
    /// </summary>
    internal static int? MaxLineLength(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue(MaxLineLengthKey, out string? value))
            return DefaultMaxLineLength;
        if (string.Equals(value.Trim(), "off", System.StringComparison.OrdinalIgnoreCase))
            return null;
        return int.TryParse(value.Trim(), out int length) && length > 0 ? length : DefaultMaxLineLength;
    }

    private static void AnalyzeTree(SyntaxTreeAnalysisContext context)
    {
        int? limit = MaxLineLength(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Tree));
        if (limit is not { } max)
            return;
        SourceText text = context.Tree.GetText(context.CancellationToken);
        foreach (TextLine line in text.Lines)
        {
            int length = line.Span.Length;
            if (length <= max)
                continue;
            // The part past the limit is underlined, so an editor shows where the line should have ended.
            var excess = Location.Create(context.Tree, TextSpan.FromBounds(line.Start + max, line.End));
            context.ReportDiagnostic(Diagnostic.Create(Rule, excess, length, max));
        }
    }
}
