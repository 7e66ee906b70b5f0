// Build script: dotnet tool restore && dotnet cake --target=<Clean|Build|Test|Pack|Docs>
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
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
    DotNetPack("./ChainPay/ChainPay.csproj", new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = artifacts,
    });
});

RunTarget(target);
