using Spectre.Console;
using Spectre.Console.Rendering;

namespace RecSharp.Application.Display;

/// <summary>A progress column showing the statistics text a <see cref="LiveProgressDisplay"/> keeps in each task's
/// tag.</summary>
internal sealed class EpochStatsColumn : ProgressColumn
{
    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Tag as string ?? "");
}
