namespace RecSharp.Application.CommandLine;

/// <summary>The command line itself is wrong (unknown command or option, missing value); exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message) : base(message) { }
}
