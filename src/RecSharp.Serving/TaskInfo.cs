namespace RecSharp.Serving;

/// <summary>One task of a served model.</summary>
/// <param name="Name">The task's name, which keys its prediction.</param>
/// <param name="Type"><c>binary</c> (a probability) or <c>regression</c> (a raw value).</param>
public sealed record TaskInfo(string Name, string Type);
