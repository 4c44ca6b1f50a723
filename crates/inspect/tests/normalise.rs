//! The dump reads the same for documents a reader cannot tell apart, shows real differences
//! under the right section, refuses hostile files with an error, and is deterministic.
//!
//! Packages are built in the test from raw XML, in the shape Word writes them (styles,
//! numbering, tables with merged cells, fields, footnotes, comments, headers and footers).

// Test helpers outside #[test] functions may unwrap: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Write};

use supportplan_inspect::{Error, diff, dump, same_document};
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\nnot really a picture, but bytes all the same";

/// How to write the zip.
#[derive(Clone, Copy, Default)]
struct Zip {
    reverse: bool,
    stored: bool,
}

fn package(parts: &[(&str, &[u8])], how: Zip) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if how.stored {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    let opts = SimpleFileOptions::default().compression_method(method);
    let mut parts: Vec<_> = parts.to_vec();
    if how.reverse {
        parts.reverse();
    }
    for (name, data) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn content_types() -> String {
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()
}

fn root_rels() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
    )
}

fn core() -> String {
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Support plan</dc:title><dc:creator>Someone</dc:creator><dc:language>en-GB</dc:language><dcterms:modified>2026-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"#.to_string()
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/></w:style>
<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>"#
    )
}

fn numbering() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    )
}

/// The pieces of a Word-like document that vary between the clean and the noisy writer.
struct Doc {
    document: String,
    header: String,
    footer: String,
    footnotes: String,
    comments: String,
    header_part: &'static str,
    image_part: &'static str,
    image: &'static [u8],
    how: Zip,
}

impl Doc {
    fn bytes(&self) -> Vec<u8> {
        let doc_rels = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/><Relationship Id="rIdH" Type="{REL}/header" Target="{}"/><Relationship Id="rId4" Type="{REL}/footer" Target="footer1.xml"/><Relationship Id="rId5" Type="{REL}/footnotes" Target="footnotes.xml"/><Relationship Id="rId6" Type="{REL}/comments" Target="comments.xml"/><Relationship Id="rId7" Type="{REL}/image" Target="{}"/><Relationship Id="rId8" Type="{REL}/hyperlink" Target="https://example.invalid/" TargetMode="External"/></Relationships>"#,
            self.header_part.trim_start_matches("word/"),
            self.image_part.trim_start_matches("word/"),
        );
        let (ct, rr, core, styles, numbering) =
            (content_types(), root_rels(), core(), styles(), numbering());
        package(
            &[
                ("[Content_Types].xml", ct.as_bytes()),
                ("_rels/.rels", rr.as_bytes()),
                ("docProps/core.xml", core.as_bytes()),
                ("word/document.xml", self.document.as_bytes()),
                ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
                ("word/styles.xml", styles.as_bytes()),
                ("word/numbering.xml", numbering.as_bytes()),
                (self.header_part, self.header.as_bytes()),
                ("word/footer1.xml", self.footer.as_bytes()),
                ("word/footnotes.xml", self.footnotes.as_bytes()),
                ("word/comments.xml", self.comments.as_bytes()),
                (self.image_part, self.image),
            ],
            self.how,
        )
    }

    fn with(mut self, f: impl Fn(&mut Doc)) -> Doc {
        f(&mut self);
        self
    }
}

const DRAWING: &str = r#"<w:drawing><wp:inline><wp:extent cx="1800000" cy="720000"/><wp:docPr id="1" name="Picture 1" descr="A drawing of a train"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rId7"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"#;

/// The document as a tidy writer would write it.
fn clean() -> Doc {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Section A: About me</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Likes </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>trains</w:t></w:r><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>buses</w:t></w:r><w:r><w:tab/><w:t>end</w:t><w:br/><w:t>line 2</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>First item</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Sub item</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Speak in class</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> daily.</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>
<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Outcome</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>When</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Speak</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>☒ Weekly</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>By July</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>One</w:t></w:r></w:p><w:p><w:r><w:t>Two</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>
</w:tbl>
<w:p><w:r>{DRAWING}</w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Agreed</w:t></w:r><w:hyperlink r:id="rId8"><w:r><w:t xml:space="preserve"> (see the site)</w:t></w:r></w:hyperlink></w:p>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr><w:r><w:t>End of part one</w:t></w:r></w:p>
<w:p><w:r><w:t>Landscape page</w:t></w:r></w:p>
<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>
</w:body></w:document>"#
    );
    Doc {
        document,
        header: format!(
            r#"<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t>Confidential</w:t></w:r></w:p></w:hdr>"#
        ),
        footer: format!(
            r#"<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> of </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>"#
        ),
        footnotes: format!(
            r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> As agreed at the review.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        ),
        comments: format!(
            r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="A. Teacher" w:date="2026-01-01T10:00:00Z" w:initials="AT"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:annotationRef/></w:r><w:r><w:t>Check the wording.</w:t></w:r></w:p></w:comment></w:comments>"#
        ),
        header_part: "word/header1.xml",
        image_part: "word/media/image1.png",
        image: PNG,
        how: Zip::default(),
    }
}

/// The same document as a noisy writer would write it: other prefixes, split runs, rsids,
/// proofing marks, bookmarks, paragraph ids, redundant properties, tracked changes, other part
/// names and zip order, no compression.
fn noisy() -> Doc {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- written by another writer -->
<x:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:rel="{R}" xmlns:x="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:d="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:g="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/drawingml/2006/picture" mc:Ignorable="w14"><x:body>
<x:p x:rsidR="00AB12CD" w14:paraId="1A2B3C4D" w14:textId="77777777" x:rsidRDefault="00AB12CD"><x:pPr><x:pStyle x:val="Heading1"/></x:pPr><x:bookmarkStart x:id="0" x:name="_Toc1"/><x:r x:rsidRPr="00FF0000"><x:t>Section A: </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">About </x:t></x:r><x:r><x:t>me</x:t></x:r><x:bookmarkEnd x:id="0"/></x:p>
<x:p x:rsidR="00CD34EF"><x:pPr><x:pStyle x:val="Normal"/></x:pPr><x:r><x:t>Lik</x:t></x:r><x:proofErr x:type="spellStart"/><x:r><x:rPr><x:b x:val="0"/></x:rPr><x:t xml:space="preserve">es </x:t></x:r><x:proofErr x:type="spellEnd"/><x:r><x:rPr><x:rStyle x:val="Strong"/></x:rPr><x:t>tra</x:t></x:r><x:r><x:rPr><x:b x:val="true"/></x:rPr><x:t>ins</x:t></x:r><x:r><x:rPr><x:i/></x:rPr></x:r><x:r><x:t xml:space="preserve"> and </x:t></x:r><x:r><x:rPr><x:strike x:val="1"/></x:rPr><x:t>bus</x:t><x:lastRenderedPageBreak/><x:t>es</x:t></x:r><x:del x:id="9" x:author="X"><x:r><x:delText>deleted words</x:delText></x:r></x:del><x:r><x:tab/></x:r><x:ins x:id="10" x:author="X"><x:r><x:t>end</x:t></x:r></x:ins><x:r><x:br/></x:r><x:r><x:t><![CDATA[line 2]]></x:t></x:r><x:r><x:rPr><x:rStyle x:val="FootnoteReference"/></x:rPr><x:footnoteReference x:id="5"/></x:r></x:p>
<x:p><x:pPr><x:pStyle x:val="ListBullet"/></x:pPr><x:r><x:t>First </x:t></x:r><x:r><x:t>item</x:t></x:r></x:p>
<x:p><x:pPr><x:numPr><x:numId x:val="2"/><x:ilvl x:val="1"/></x:numPr><x:pStyle x:val="ListParagraph"/></x:pPr><x:r><x:t>Sub item</x:t></x:r></x:p>
<x:p><x:commentRangeStart x:id="7"/><x:r><x:t xml:space="preserve">Speak </x:t></x:r><x:r><x:t>in class</x:t></x:r><x:commentRangeEnd x:id="7"/><x:r><x:rPr><x:rStyle x:val="CommentReference"/></x:rPr><x:commentReference x:id="7"/></x:r><x:r><x:t xml:space="preserve"> daily.</x:t></x:r></x:p>
<x:tbl><x:tblPr><x:tblStyle x:val="TableGrid"/><x:tblW x:w="0" x:type="auto"/></x:tblPr><x:tblGrid><x:gridCol x:w="3000"/><x:gridCol x:w="3000"/><x:gridCol x:w="3000"/></x:tblGrid>
<x:tr x:rsidR="00112233"><x:trPr><x:tblHeader x:val="1"/></x:trPr><x:tc><x:tcPr><x:tcW x:w="6000" x:type="dxa"/><x:gridSpan x:val="2"/></x:tcPr><x:p><x:r><x:rPr><x:b/></x:rPr><x:t>Out</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>come</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>When</x:t></x:r></x:p></x:tc></x:tr>
<x:tr><x:tc><x:tcPr><x:vMerge x:val="restart"/></x:tcPr><x:p><x:r><x:t>Speak</x:t></x:r></x:p></x:tc><x:tc><x:sdt><x:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></x:sdtPr><x:sdtContent><x:p><x:r><x:t>☒</x:t></x:r><x:r><x:t xml:space="preserve"> Weekly</x:t></x:r></x:p></x:sdtContent></x:sdt></x:tc><x:tc><x:p><x:r><x:t>By July</x:t></x:r></x:p></x:tc></x:tr>
<x:tr><x:tc><x:tcPr><x:vMerge x:val="continue"/></x:tcPr><x:p><x:pPr><x:pStyle x:val="Normal"/></x:pPr></x:p></x:tc><x:tc><x:p><x:r><x:t>One</x:t></x:r></x:p><x:p><x:r><x:t>Two</x:t></x:r></x:p></x:tc><x:tc><x:tbl><x:tr><x:tc><x:p><x:r><x:t>Inn</x:t></x:r><x:r><x:t>er</x:t></x:r></x:p></x:tc></x:tr></x:tbl><x:p/></x:tc></x:tr>
</x:tbl>
<x:p><x:r><mc:AlternateContent><mc:Choice Requires="wps"><x:drawing><d:inline distT="0" distB="0"><d:extent cy="720000" cx="1800000"/><d:docPr name="Image 9" id="9" descr="A drawing of a train"/><g:graphic><g:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><p:pic><p:blipFill><g:blip rel:embed="rId7"/></p:blipFill></p:pic></g:graphicData></g:graphic></d:inline></x:drawing></mc:Choice><mc:Fallback><x:pict>fallback picture</x:pict></mc:Fallback></mc:AlternateContent></x:r></x:p>
<x:p><x:r><x:fldChar x:fldCharType="begin"><x:ffData><x:name x:val="Check1"/><x:checkBox><x:sizeAuto/><x:default x:val="0"/><x:checked x:val="1"/></x:checkBox></x:ffData></x:fldChar></x:r><x:r><x:instrText>FORMCHECKBOX</x:instrText></x:r><x:r><x:fldChar x:fldCharType="separate"/></x:r><x:r><x:fldChar x:fldCharType="end"/></x:r><x:r><x:t xml:space="preserve"> Agreed</x:t></x:r><x:hyperlink rel:id="rId8" x:history="1"><x:r><x:t xml:space="preserve"> (see the </x:t></x:r><x:r><x:t>site)</x:t></x:r></x:hyperlink></x:p>
<x:p><x:pPr><x:sectPr x:rsidR="00445566"><x:footerReference rel:id="rId4" x:type="default"/><x:headerReference rel:id="rIdH" x:type="default"/><x:pgSz x:h="16838" x:w="11906"/><x:pgMar x:top="1440"/></x:sectPr></x:pPr><x:r><x:t>End of part one</x:t></x:r></x:p>
<x:p><x:r><x:t>Landscape </x:t></x:r><x:r><x:t>page</x:t></x:r></x:p>
<x:sectPr><x:pgSz x:orient="landscape" x:h="11906" x:w="16838"/></x:sectPr>
</x:body></x:document>"#
    );
    Doc {
        document,
        header: format!(
            r#"<hdr xmlns="{W}" xmlns:w="{W}"><p><pPr><pStyle w:val="Header"/></pPr><r><t>Confiden</t></r><r><t>tial</t></r></p></hdr>"#
        ),
        footer: format!(
            r#"<q:ftr xmlns:q="{W}"><q:p><q:pPr><q:pStyle q:val="Footer"/></q:pPr><q:r><q:t xml:space="preserve">Page </q:t></q:r><q:fldSimple q:instr="PAGE"><q:r><q:t>7</q:t></q:r></q:fldSimple><q:r><q:t xml:space="preserve"> of </q:t></q:r><q:r><q:fldChar q:fldCharType="begin"/></q:r><q:r><q:instrText> NUMPAGES </q:instrText></q:r><q:r><q:fldChar q:fldCharType="separate"/></q:r><q:r><q:t>9</q:t></q:r><q:r><q:fldChar q:fldCharType="end"/></q:r></q:p></q:ftr>"#
        ),
        footnotes: format!(
            r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> As agreed </w:t></w:r><w:r><w:t>at the review.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        ),
        comments: format!(
            r#"<w:comments xmlns:w="{W}"><w:comment w:initials="T" w:date="2027-05-05T00:00:00Z" w:author="A. Teacher" w:id="7"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:t>Check the </w:t></w:r><w:r><w:t>wording.</w:t></w:r></w:p></w:comment></w:comments>"#
        ),
        header_part: "word/header_default.xml",
        image_part: "word/media/picture-of-a-train.png",
        image: PNG,
        how: Zip {
            reverse: true,
            stored: true,
        },
    }
}

#[test]
fn clean_dump_reads_as_documented() {
    let text = dump(&clean().bytes()).unwrap();
    let expected = "\
== properties
title: Support plan
language: en-GB
text language: en-GB
== body
[heading 1] **Section A: About me**
[Normal] Likes **trains** and ~~buses~~→end⏎line 2⟦footnote 1⟧
[List Bullet] (bullet, level 1) First item
[List Paragraph] (lowerLetter \"%2)\", level 2) Sub item
[Normal] Speak in class daily.
table 1 [Table Grid]
  row 1 (header)
    cell 1 (2 cols): [Normal] **Outcome**
    cell 2: [Normal] When
  row 2
    cell 1 (2 rows): [Normal] Speak
    cell 2: [Normal] ☒ Weekly
    cell 3: [Normal] By July
  row 3
    cell 1: (merged)
    cell 2:
      [Normal] One
      [Normal] Two
    cell 3:
      table 1
        row 1
          cell 1: [Normal] Inner
      [Normal]
[Normal] ⟦image \"A drawing of a train\" 50×20 mm #";
    assert!(text.starts_with(expected), "got:\n{text}");
    let rest = "⟧
[Normal] ☒ Agreed (see the site)⟦link https://example.invalid/⟧
[Normal] End of part one
§ section 1: portrait, 210×297 mm, starts on new page
[Normal] Landscape page
§ section 2: landscape, 297×210 mm, starts on new page
== header default, section 1
[header] Confidential
== footer default, section 1
[footer] Page ⟦PAGE⟧ of ⟦NUMPAGES⟧
== footnotes
footnote 1:
  [footnote text]  As agreed at the review.
== comments
comment 1 by A. Teacher on \"Speak in class\"
  [annotation text] Check the wording.
";
    assert!(text.ends_with(rest), "got:\n{text}");
}

#[test]
fn noise_does_not_show() {
    println!("{}", dump(&noisy().bytes()).unwrap());
    let a = clean().bytes();
    let b = noisy().bytes();
    let (da, db) = (dump(&a).unwrap(), dump(&b).unwrap());
    if da != db {
        panic!(
            "dumps differ:\n{}",
            supportplan_inspect::diff_dumps(&da, &db).unwrap()
        );
    }
    assert!(same_document(&a, &b).unwrap());
    assert!(diff(&a, &b).unwrap().is_none());
    supportplan_inspect::assert_same_document(&a, &b);
}

#[test]
fn zip_order_and_compression_do_not_show() {
    let a = clean().bytes();
    for how in [
        Zip {
            reverse: true,
            stored: false,
        },
        Zip {
            reverse: false,
            stored: true,
        },
    ] {
        let b = clean().with(|d| d.how = how).bytes();
        assert_ne!(a, b);
        assert_eq!(dump(&a).unwrap(), dump(&b).unwrap());
    }
}

#[test]
fn output_is_deterministic() {
    let a = noisy().bytes();
    let first = dump(&a).unwrap();
    for _ in 0..3 {
        assert_eq!(dump(&a).unwrap(), first);
        assert_eq!(dump(&noisy().bytes()).unwrap(), first);
    }
}

/// Changes the clean document with `f` and returns the diff's sections and text.
fn changed(f: impl Fn(&mut Doc)) -> (Vec<String>, String) {
    let a = clean().bytes();
    let b = clean().with(f).bytes();
    let d = diff(&a, &b).unwrap().expect("the documents should differ");
    let names = d.sections().iter().map(|s| s.name().to_string()).collect();
    (names, d.to_string())
}

#[test]
fn a_changed_word_shows_in_the_body() {
    let (sections, text) = changed(|d| d.document = d.document.replace(">trains<", ">planes<"));
    assert_eq!(sections, ["body"]);
    assert!(text.starts_with("--- a/body\n+++ b/body\n"), "{text}");
    assert!(text.contains("-[Normal] Likes **trains** and"), "{text}");
    assert!(text.contains("+[Normal] Likes **planes** and"), "{text}");
}

#[test]
fn a_changed_link_address_shows() {
    let (sections, text) = changed(|d| d.document = d.document.replace("rId8", "rId1"));
    assert_eq!(sections, ["body"]);
    assert!(
        text.contains("-[Normal] ☒ Agreed (see the site)⟦link https://example.invalid/⟧"),
        "{text}"
    );
}

#[test]
fn strike_off_shows() {
    let (sections, text) = changed(|d| d.document = d.document.replace("<w:strike/>", ""));
    assert_eq!(sections, ["body"]);
    assert!(
        text.contains("+[Normal] Likes **trains** and buses→end"),
        "{text}"
    );
}

#[test]
fn a_changed_table_cell_shows() {
    let (sections, text) = changed(|d| d.document = d.document.replace("By July", "By June"));
    assert_eq!(sections, ["body"]);
    assert!(
        text.contains("-    cell 3: [Normal] By July\n+    cell 3: [Normal] By June"),
        "{text}"
    );
    // Context names the row.
    assert!(text.contains("   row 2\n"), "{text}");
}

#[test]
fn a_changed_comment_shows_under_comments() {
    let (sections, text) =
        changed(|d| d.comments = d.comments.replace("Check the wording.", "Fine."));
    assert_eq!(sections, ["comments"]);
    assert!(
        text.starts_with("--- a/comments\n+++ b/comments\n"),
        "{text}"
    );
    assert!(text.contains("+  [annotation text] Fine."), "{text}");
    let (sections, _) = changed(|d| d.comments = d.comments.replace("A. Teacher", "B. Head"));
    assert_eq!(sections, ["comments"]);
}

#[test]
fn a_changed_header_shows_under_its_section() {
    let (sections, text) = changed(|d| d.header = d.header.replace("Confidential", "Draft"));
    assert_eq!(sections, ["header default, section 1"]);
    assert!(
        text.contains("-[header] Confidential\n+[header] Draft"),
        "{text}"
    );
}

#[test]
fn a_changed_footnote_image_and_orientation_show() {
    let (sections, _) = changed(|d| d.footnotes = d.footnotes.replace("review", "meeting"));
    assert_eq!(sections, ["footnotes"]);
    let (sections, text) = changed(|d| {
        d.document = d.document.replace(
            r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#,
            r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
        )
    });
    assert_eq!(sections, ["body"]);
    assert!(text.contains("+§ section 2: portrait"), "{text}");
    // Another picture under the same name and size.
    let (sections, text) = changed(|d| d.image = b"other bytes");
    assert_eq!(sections, ["body"]);
    assert!(
        text.contains("+[Normal] ⟦image \"A drawing of a train\" 50×20 mm #"),
        "{text}"
    );
}

#[test]
fn deleted_text_hides_and_inserted_text_shows() {
    let (_, text) = changed(|d| {
        d.document = d.document.replace(
            "<w:t>Sub item</w:t></w:r>",
            "<w:t>Sub item</w:t></w:r><w:ins w:id=\"1\" w:author=\"x\"><w:r><w:t> new</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"x\"><w:r><w:delText> old</w:delText></w:r></w:del>",
        )
    });
    assert!(
        text.contains("+[List Paragraph] (lowerLetter \"%2)\", level 2) Sub item new\n"),
        "{text}"
    );
    assert!(!text.contains("old"), "{text}");
}

// --- Hostile files -------------------------------------------------------------------------

fn minimal(document: &str) -> Vec<u8> {
    package(
        &[("word/document.xml", document.as_bytes())],
        Zip::default(),
    )
}

#[test]
fn not_a_zip() {
    for bytes in [&b""[..], b"hello", b"PK\x03\x04 truncated"] {
        assert!(matches!(dump(bytes), Err(Error::NotZip { .. })));
    }
}

#[test]
fn a_zip_bomb_is_cut_off() {
    // 65 MiB of spaces after a valid start, deflated to a small entry.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
    )
    .unwrap();
    z.write_all(format!(r#"<w:document xmlns:w="{W}"><w:body>"#).as_bytes())
        .unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..65 {
        z.write_all(&chunk).unwrap();
    }
    z.write_all(b"</w:body></w:document>").unwrap();
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "the bomb is {} bytes", bomb.len());
    let err = dump(&bomb).unwrap_err();
    assert!(
        matches!(&err, Error::PartTooLarge { part, .. } if part == "word/document.xml"),
        "{err}"
    );
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..=supportplan_inspect::package::MAX_ENTRIES)
        .map(|i| format!("f{i}"))
        .collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let bytes = package(&parts, Zip::default());
    assert!(matches!(dump(&bytes), Err(Error::TooManyEntries { .. })));
}

#[test]
fn unsafe_entry_names() {
    for name in [
        "../evil.xml",
        "/abs/evil.xml",
        "word/../../evil.xml",
        "C:/evil.xml",
    ] {
        let bytes = package(
            &[
                ("word/document.xml", minimal_xml().as_bytes()),
                (name, b"x"),
            ],
            Zip::default(),
        );
        match dump(&bytes) {
            Err(Error::UnsafeEntryName { .. }) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

fn minimal_xml() -> String {
    format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>"#
    )
}

#[test]
fn dtd_is_refused() {
    let doc = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let err = dump(&minimal(&doc)).unwrap_err();
    assert!(
        matches!(&err, Error::Dtd { part, .. } if part == "word/document.xml"),
        "{err}"
    );
}

#[test]
fn malformed_xml_names_the_part_but_not_the_text() {
    let doc = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Secret child name</w:r></w:p></w:body></w:document>"#
    );
    let err = dump(&minimal(&doc)).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(&err, Error::Xml { part, .. } if part == "word/document.xml"),
        "{msg}"
    );
    assert!(!msg.contains("Secret"), "{msg}");

    let bad_header = clean().with(|d| d.header = "<w:hdr>".to_string()).bytes();
    let err = dump(&bad_header).unwrap_err();
    assert!(
        matches!(&err, Error::Xml { part, .. } if part == "word/header1.xml"),
        "{err}"
    );
}

#[test]
fn missing_main_part() {
    let bytes = package(&[("other.xml", b"<a/>")], Zip::default());
    assert!(matches!(dump(&bytes), Err(Error::MissingPart { .. })));
}

#[test]
fn damaged_packages_error_or_dump_but_never_panic() {
    let good = clean().bytes();
    // A small deterministic generator: flip bytes, truncate.
    let mut seed: u64 = 0x1234_5678_9abc_def0;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut bytes = good.clone();
        if round % 3 == 0 {
            let cut = (next() as usize) % bytes.len();
            bytes.truncate(cut);
        } else {
            for _ in 0..(1 + round % 5) {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
        }
        let _ = dump(&bytes);
    }
    // And in stored packages the XML itself gets damaged.
    let good = clean().with(|d| d.how.stored = true).bytes();
    for _ in 0..300 {
        let mut bytes = good.clone();
        let at = (next() as usize) % bytes.len();
        bytes[at] = b"<>&\"/ x"[(next() % 7) as usize];
        let _ = dump(&bytes);
    }
}

#[test]
fn fields_escapes_and_breaks() {
    let body = r#"<w:p><w:r><w:t>2*3 &lt; 4 ~ a\b</w:t></w:r><w:r><w:br w:type="page"/><w:t>After</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>shown</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r></w:p>"#;
    let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    assert_eq!(
        dump(&minimal(&doc)).unwrap(),
        "== body\n[Normal] 2\\*3 \\< 4 \\~ a\\\\b⟦page break⟧After*shown*☐\n"
    );
}

#[test]
fn deep_nesting_errors_or_dumps_without_overflow() {
    // Tables nested as deep as the XML depth limit allows, and deeper.
    for levels in [60, 200] {
        let mut body = String::from("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        for _ in 0..levels {
            body = format!("<w:tbl><w:tr><w:tc>{body}</w:tc></w:tr></w:tbl>");
        }
        let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
        match dump(&minimal(&doc)) {
            Ok(text) => assert!(text.contains("cell 1: [Normal] x"), "{levels}"),
            Err(e) => assert!(matches!(e, Error::TooDeep { .. }), "{levels}: {e}"),
        }
    }
}

#[test]
fn many_notes_comments_and_fields_stay_linear() {
    let n = 20_000;
    let mut body = String::new();
    for i in 0..n {
        body.push_str(&format!(
            r#"<w:p><w:commentRangeStart w:id="{i}"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:footnoteReference w:id="{i}"/><w:commentReference w:id="{i}"/><w:t>x</w:t></w:r></w:p>"#
        ));
    }
    let doc = format!(r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#);
    let started = std::time::Instant::now();
    let text = dump(&minimal(&doc)).unwrap();
    assert!(text.contains("⟦footnote 20000⟧") || text.lines().count() > n);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}
