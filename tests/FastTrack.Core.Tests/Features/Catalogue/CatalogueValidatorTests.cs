using FastTrack.Features.Catalogue;
using FluentValidation.TestHelper;

namespace FastTrack.Tests.Features.Catalogue;

/// <summary>The validators read the vocabulary and the sections, so they run over a seeded database.</summary>
public sealed class CatalogueValidatorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private FastTrack.Data.FastTrackDbContext _db = null!;
    private int _sectionId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _db = _database.NewContext();
        _sectionId = _db.Sections.Single(s => s.NameEn == "Prepare for Kickoff Meeting").Id;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _database.DisposeAsync();
    }

    private CreateTask.Command ValidNew() => new()
    {
        FtopId = 4001, SectionId = _sectionId, NameEn = "Capture SSAT", Role = "FastTrack Manager", Services = ["Teams"],
    };

    [Fact]
    public async Task A_complete_new_task_passes()
    {
        var result = await new CreateTask.Validator(_db).TestValidateAsync(ValidNew());
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task The_FTOP_id_must_be_positive(int? id)
    {
        var result = await new CreateTask.Validator(_db).TestValidateAsync(ValidNew() with { FtopId = id });
        result.ShouldHaveValidationErrorFor(c => c.FtopId).WithErrorMessage(CatalogueText.FtopIdPositive);
    }

    [Fact]
    public async Task The_FTOP_id_must_be_new()
    {
        var result = await new CreateTask.Validator(_db).TestValidateAsync(ValidNew() with { FtopId = 994 });
        result.ShouldHaveValidationErrorFor(c => c.FtopId).WithErrorMessage(CatalogueText.FtopIdTaken);
    }

    [Fact]
    public async Task The_English_name_is_required_and_names_have_the_column_length()
    {
        var v = new CreateTask.Validator(_db);
        (await v.TestValidateAsync(ValidNew() with { NameEn = " " }))
            .ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.NameEnRequired);
        (await v.TestValidateAsync(ValidNew() with { NameEn = new string('x', 501) }))
            .ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.NameTooLong500);
        (await v.TestValidateAsync(ValidNew() with { NameJa = new string('あ', 501) })).ShouldHaveValidationErrorFor(c => c.NameJa);
        (await v.TestValidateAsync(ValidNew() with { NameZh = new string('中', 501) })).ShouldHaveValidationErrorFor(c => c.NameZh);
        (await v.TestValidateAsync(ValidNew() with { NameEn = new string('x', 500) })).ShouldNotHaveValidationErrorFor(c => c.NameEn);
    }

    [Fact]
    public async Task Services_are_required_unless_all_and_must_come_from_the_vocabulary()
    {
        var v = new CreateTask.Validator(_db);
        (await v.TestValidateAsync(ValidNew() with { Services = [] }))
            .ShouldHaveValidationErrorFor(c => c.Services).WithErrorMessage(CatalogueText.ServicesRequired);
        (await v.TestValidateAsync(ValidNew() with { Services = [], AllServices = true })).ShouldNotHaveValidationErrorFor(c => c.Services);
        (await v.TestValidateAsync(ValidNew() with { Services = ["Teams", "Lotus Notes"] }))
            .ShouldHaveValidationErrorFor(c => c.Services).WithErrorMessage(CatalogueText.ServicesUnknown);
    }

    [Theory]
    [InlineData("FastTrack Manager", true)]
    [InlineData("Partner", true)]
    [InlineData("-", true)]
    [InlineData("Admin", false)]
    [InlineData("", false)]
    public async Task The_role_is_one_of_the_task_roles(string role, bool valid)
    {
        var result = await new CreateTask.Validator(_db).TestValidateAsync(ValidNew() with { Role = role });
        if (valid) result.ShouldNotHaveValidationErrorFor(c => c.Role);
        else result.ShouldHaveValidationErrorFor(c => c.Role).WithErrorMessage(CatalogueText.RoleUnknown);
    }

    [Fact]
    public async Task The_section_must_exist()
    {
        var v = new EditTask.Validator(_db);
        var edit = new EditTask.Command { Id = 994, NameEn = "x", Role = "Partner", AllServices = true };
        (await v.TestValidateAsync(edit)).ShouldHaveValidationErrorFor(c => c.SectionId).WithErrorMessage(CatalogueText.SectionRequired);
        (await v.TestValidateAsync(edit with { SectionId = 99999 }))
            .ShouldHaveValidationErrorFor(c => c.SectionId).WithErrorMessage(CatalogueText.SectionUnknown);
        (await v.TestValidateAsync(edit with { SectionId = _sectionId })).ShouldNotHaveAnyValidationErrors();
    }

    private EditSection.Command ValidSection() => new()
    {
        Id = _sectionId, NameEn = "Prepare for Kickoff Meeting", Order = 1, PrimaryRole = "FastTrack Manager",
        Motions = ["RFA"], AllServices = true,
    };

    [Fact]
    public async Task A_section_needs_a_name_an_order_from_1_a_known_role_motions_and_services()
    {
        var v = new EditSection.Validator(_db);
        (await v.TestValidateAsync(ValidSection())).ShouldNotHaveAnyValidationErrors();
        (await v.TestValidateAsync(ValidSection() with { NameEn = "" })).ShouldHaveValidationErrorFor(c => c.NameEn);
        (await v.TestValidateAsync(ValidSection() with { NameEn = new string('x', 301) }))
            .ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.NameTooLong300);
        (await v.TestValidateAsync(ValidSection() with { Order = 0 }))
            .ShouldHaveValidationErrorFor(c => c.Order).WithErrorMessage(CatalogueText.OrderPositive);
        (await v.TestValidateAsync(ValidSection() with { PrimaryRole = "Boss" }))
            .ShouldHaveValidationErrorFor(c => c.PrimaryRole).WithErrorMessage(CatalogueText.RoleUnknown);
        (await v.TestValidateAsync(ValidSection() with { Motions = ["RFA", "Upsell"] }))
            .ShouldHaveValidationErrorFor(c => c.Motions).WithErrorMessage(CatalogueText.MotionsUnknown);
        (await v.TestValidateAsync(ValidSection() with { Motions = [] })).ShouldNotHaveValidationErrorFor(c => c.Motions);
        (await v.TestValidateAsync(ValidSection() with { AllServices = false, AppliesTo = [] }))
            .ShouldHaveValidationErrorFor(c => c.AppliesTo).WithErrorMessage(CatalogueText.ServicesRequired);
        (await v.TestValidateAsync(ValidSection() with { AllServices = false, AppliesTo = ["Teams", "Skype"] }))
            .ShouldHaveValidationErrorFor(c => c.AppliesTo).WithErrorMessage(CatalogueText.ServicesUnknown);
        (await v.TestValidateAsync(ValidSection() with { NameEn = "Schedule and Conduct Kickoff Meeting" }))
            .ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.SectionNameTaken);
    }

    [Fact]
    public async Task A_process_needs_a_unique_name_and_an_order_from_1()
    {
        var kickoff = _db.Processes.Single(p => p.NameEn == "Conduct Customer Kickoff").Id;
        var success = _db.Processes.Single(p => p.NameEn == "Conduct Success Review").Id;
        var v = new EditProcess.Validator(_db);
        var valid = new EditProcess.Command { Id = kickoff, NameEn = "Conduct Customer Kickoff", Order = 1 };
        (await v.TestValidateAsync(valid)).ShouldNotHaveAnyValidationErrors();
        (await v.TestValidateAsync(valid with { NameEn = "" })).ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.NameEnRequired);
        (await v.TestValidateAsync(valid with { NameEn = new string('x', 201) })).ShouldHaveValidationErrorFor(c => c.NameEn);
        (await v.TestValidateAsync(valid with { Order = 0 })).ShouldHaveValidationErrorFor(c => c.Order);
        (await v.TestValidateAsync(new EditProcess.Command { Id = success, NameEn = "Support Success Execution", Order = 2 }))
            .ShouldHaveValidationErrorFor(c => c.NameEn).WithErrorMessage(CatalogueText.ProcessNameTaken);
    }
}
