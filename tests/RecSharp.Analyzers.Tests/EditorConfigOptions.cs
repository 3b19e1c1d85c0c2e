using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RecSharp.Analyzers.Tests;

/// <summary>
/// The options an .editorconfig text gives a source file, parsed by Roslyn's own editorconfig reader, as the compiler
/// hands them to analyzers.
/// </summary>
internal sealed class EditorConfigOptions : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigSet _configs;

    public EditorConfigOptions(string editorConfig, string path) =>
        _configs = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(editorConfig, path)));

    public override AnalyzerConfigOptions GlobalOptions => new Options(ImmutableDictionary<string, string>.Empty);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
        new Options(_configs.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(_configs.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
