using Microsoft.Extensions.Hosting;

namespace RecSharp.Serving.Http;

/// <summary>
/// A host lifetime that neither listens for signals nor writes to the console: the application that owns the server
/// decides when it stops (<c>recsharp serve</c> on SIGINT and SIGTERM), and a server inside a test or benchmark
/// process leaves the process's signals alone.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
