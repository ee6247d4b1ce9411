using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsPlatform.AppHost;

/// <summary>
/// The SMTP server the platform's mail goes to, by the same mode as the other servers: in local mode smtp4dev (the
/// .NET tool Rnwood.Smtp4dev, installed by the scripts under <c>.run/tools</c>) run as an executable; with containers a
/// MailPit container; in external mode any SMTP server by <c>ConnectionStrings:mail</c>. Both catchers keep every mail
/// and show it in a web inbox, linked from the dashboard; none is ever relayed to a real mailbox.
/// </summary>
internal static class MailServer
{
    public const string ConnectionName = "mail";
    public const string ToolVersion = "3.15.0";

    public static Dependency Add(IDistributedApplicationBuilder builder, InfrastructureMode mode, IResourceBuilder<IResource> info) => mode switch
    {
        InfrastructureMode.Local => AddSmtp4dev(builder, info),
        InfrastructureMode.Containers => AddMailPit(builder, info),
        _ => new Dependency(builder.AddConnectionString(ConnectionName).WithParentRelationship(info), ReadyWhen: null),
    };

    private static Dependency AddSmtp4dev(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var tool = builder.Configuration["Infrastructure:Local:Smtp4dev"] ?? Path.Combine(repository, ".run", "tools", "smtp4dev");
        if (!File.Exists(tool))
        {
            throw new InvalidOperationException(
                $"Infrastructure mode 'local' needs smtp4dev at {tool}: ./start.sh installs it " +
                $"(dotnet tool install Rnwood.Smtp4dev --version {ToolVersion} --tool-path .run/tools), or point Infrastructure:Local:Smtp4dev at it.");
        }

        // Its mail in the AppHost's run folder (kept across starts, like the databases); a throwaway run keeps it in memory.
        var ephemeral = InfrastructureExtensions.IsEphemeral(builder.Configuration);
        var folder = Path.Combine(repository, ".run", "smtp4dev");
        Directory.CreateDirectory(folder);
        var server = builder.AddExecutable("smtp4dev", tool, folder)
            .WithEndpoint(name: "smtp", scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(name: "http", isProxied: false)
            .WithUrlForEndpoint("smtp", url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mail inbox (smtp4dev)")
            .WithParentRelationship(info);
        var smtp = server.GetEndpoint("smtp");
        var http = server.GetEndpoint("http");
        server.WithEnvironment("XDG_CONFIG_HOME", folder); // its settings file, not the user's
        server.WithArgs(context =>
        {
            context.Args.Add(ReferenceExpression.Create($"--urls=http://127.0.0.1:{http.Property(EndpointProperty.TargetPort)}"));
            context.Args.Add(ReferenceExpression.Create($"--smtpport={smtp.Property(EndpointProperty.TargetPort)}"));
            context.Args.Add("--bindaddress=127.0.0.1"); // SMTP, IMAP and POP3 on loopback only
            context.Args.Add("--imapport=0");
            context.Args.Add("--pop3port=0");
            context.Args.Add("--hostname=localhost");
            context.Args.Add("--tlsmode=None");
            context.Args.Add("--nousersettings");
            context.Args.Add("--messagestokeep=10000");
            context.Args.Add(ephemeral ? "--db=" : $"--db={Path.Combine(folder, "smtp4dev.db")}");
        });

        server.ReadyWhenPortOpens(smtp);
        var connection = builder.AddConnectionString(ConnectionName,
                ReferenceExpression.Create($"smtp://127.0.0.1:{smtp.Property(EndpointProperty.Port)}"))
            .WithParentRelationship(server);
        return new Dependency(connection, server);
    }

    private static Dependency AddMailPit(IDistributedApplicationBuilder builder, IResourceBuilder<IResource> info)
    {
        var server = builder.AddContainer("mailpit", "axllent/mailpit", "v1.27")
            .WithEndpoint(name: "smtp", targetPort: 1025, scheme: "tcp")
            .WithHttpEndpoint(name: "http", targetPort: 8025)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mail inbox (MailPit)")
            .WithParentRelationship(info);
        var smtp = server.GetEndpoint("smtp");
        var connection = builder.AddConnectionString(ConnectionName,
                ReferenceExpression.Create($"smtp://{smtp.Property(EndpointProperty.Host)}:{smtp.Property(EndpointProperty.Port)}"))
            .WithParentRelationship(server);
        return new Dependency(connection, server);
    }
}
