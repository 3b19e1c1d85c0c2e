using RecSharp.Features;

namespace RecSharp.Data.Schema;

/// <summary>One prediction task: its name and type, in the order of the label columns.</summary>
/// <param name="Name">The task name.</param>
/// <param name="Type">Binary or regression.</param>
public sealed record TaskDescription(string Name, TaskType Type);
