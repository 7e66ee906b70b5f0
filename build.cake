// Build script: dotnet tool restore && dotnet cake --target=<Clean|Build|Test|Pack|Docs|Bench|BenchDry|Mutation|MutationBuild>
// Bench takes BenchmarkDotNet's filter: dotnet cake --target=Bench --bench-filter='*RoundTrip*'
// Pack writes every package (each packable project of the solution) to artifacts/; --exclusive skips the build.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var benchFilter = Argument("bench-filter", "*");
var solution = "./ChainPay.sln";
var artifacts = Directory("./artifacts");

Task("Clean")
    .Does(() =>
{
    CleanDirectories("./**/bin/" + configuration);
    CleanDirectories("./**/obj");
    CleanDirectory(artifacts);
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest(solution, new DotNetTestSettings { Configuration = configuration, NoBuild = true });
});

Task("Docs")
    .Does(() =>
{
    // Compiles and runs every ```csharp block of docs/**/*.md against the in-memory sandbox (ChainPay.Tests/Docs).
    DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        Filter = "FullyQualifiedName~ChainPay.Tests.Docs",
    });
});

Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Every packable project of the solution (ChainPay and any package beside it; tests and benchmarks are not).
    // The version comes from git tags (MinVer, docs/releasing.md); symbols and sources are embedded in the DLLs.
    DotNetPack(solution, new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = artifacts,
    });
});

Task("Bench")
    .Does(() =>
{
    // Release, BenchmarkDotNet's own runner; results land in BenchmarkDotNet.Artifacts/results (see docs/performance.md).
    DotNetRun("./ChainPay.Benchmarks/ChainPay.Benchmarks.csproj", new ProcessArgumentBuilder().Append("--filter").AppendQuoted(benchFilter), new DotNetRunSettings
    {
        Configuration = "Release",
    });
});

Task("BenchDry")
    .Does(() =>
{
    // Every benchmark once, in process, with BenchmarkDotNet's Dry settings spelled out (the project's default job
    // would override --job Dry): no timings, it checks that each one still runs. Then the allocation probe.
    // CI runs this; the numbers come from Bench.
    var project = "./ChainPay.Benchmarks/ChainPay.Benchmarks.csproj";
    var settings = new DotNetRunSettings { Configuration = "Release" };
    var dry = new ProcessArgumentBuilder().Append("--filter").AppendQuoted("*").Append("--inProcess")
        .Append("--strategy ColdStart --launchCount 1 --warmupCount 0 --iterationCount 1 --invocationCount 1 --unrollFactor 1");
    DotNetRun(project, dry, settings);
    DotNetRun(project, new ProcessArgumentBuilder().Append("--allocations"), new DotNetRunSettings { Configuration = "Release", NoBuild = true });
});

Task("MutationBuild")
    .Does(() =>
{
    // Compiles each folder's mutation test project (what Stryker.NET builds first), so a test that reaches outside
    // its folder and Fixtures/ breaks CI rather than the next mutation run. CI runs this; the scores come from Mutation.
    foreach (var project in GetFiles("./eng/stryker/*/*.MutationTests.csproj"))
    {
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = "Debug" });
    }
});

Task("Mutation")
    .Does(() =>
{
    // Stryker.NET (local tool), one run per library folder: eng/stryker/<Folder>/stryker-config.json mutates
    // ChainPay/<Folder>/ against a test assembly of ChainPay.Tests/<Folder>/ only (see docs/testing.md).
    // dotnet cake --target=Mutation --mutation-folders=Chaining,Resilience ; reports in artifacts/mutation/<folder>/.
    var folders = Argument("mutation-folders", "Chaining,Resilience,Notifications,V2,Certificates,Http");
    foreach (var folder in folders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        var output = MakeAbsolute(artifacts + Directory("mutation") + Directory(folder.ToLowerInvariant()));
        var exitCode = StartProcess("dotnet", new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().Append("stryker").Append("--output").AppendQuoted(output.FullPath),
            WorkingDirectory = "./eng/stryker/" + folder,
        });
        if (exitCode != 0)
        {
            throw new CakeException($"Stryker.NET failed on {folder} (exit code {exitCode}).");
        }
    }
});

RunTarget(target);
