//! Puts the children of WordprocessingML property elements in the order of the schema.
//!
//! docx-rs writes the children of `w:pPr`, `w:rPr`, `w:style`, `w:sectPr`… in its own order;
//! ISO/IEC 29500 fixes one sequence per element type. [`SEQUENCES`] lists, for every property
//! element the project emits, its children in the schema's order (taken from `wml.xsd`; a test
//! compares each list with the schema), and [`rewrite`] stably sorts the children of those
//! elements by it, copying every other byte as it is. Content elements (`w:body`, `w:p`, `w:r`,
//! `w:tbl`…) are never reordered: their order is the text.
//!
//! The pass runs on every render, so it is a small scanner rather than a parser: it looks only
//! at the names of tags outside property elements (a `<` cannot occur inside a tag or in text
//! of well-formed XML), and tokenizes fully only inside the elements it orders or edits.

/// The children of one element type, in the order of its schema sequence.
#[derive(Debug)]
pub struct Sequence {
    /// Local name of the element (namespace `w:`).
    pub element: &'static str,
    /// Local names of the parents this entry is for; empty: any parent not listed elsewhere.
    pub parents: &'static [&'static str],
    /// The complex type of `wml.xsd` the list is taken from.
    pub schema_type: &'static str,
    /// Local names of the children in schema order (with their prefix when not `w:`).
    pub children: &'static [&'static str],
}

const PPR_BASE: [&str; 33] = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
];

/// `CT_PPr`: paragraph properties of a paragraph (the base, then the mark's run properties).
const PPR: &[&str] = &joined::<33, 3, 36>(PPR_BASE, ["rPr", "sectPr", "pPrChange"]);

/// `CT_PPrGeneral`: paragraph properties of a style or of the defaults (no run properties).
const PPR_GENERAL: &[&str] = &joined::<33, 1, 34>(PPR_BASE, ["pPrChange"]);

/// `CT_ParaRPr`: run properties (those of a run, `CT_RPr`, are the same list without the
/// four revision marks at the start).
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

const TBL_PR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

const TC_PR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

const SECT_PR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "sl:schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

const COMPAT: &[&str] = &[
    "useSingleBorderforContiguousCells",
    "wpJustification",
    "noTabHangInd",
    "noLeading",
    "spaceForUL",
    "noColumnBalance",
    "balanceSingleByteDoubleByteWidth",
    "noExtraLineSpacing",
    "doNotLeaveBackslashAlone",
    "ulTrailSpace",
    "doNotExpandShiftReturn",
    "spacingInWholePoints",
    "lineWrapLikeWord6",
    "printBodyTextBeforeHeader",
    "printColBlack",
    "wpSpaceWidth",
    "showBreaksInFrames",
    "subFontBySize",
    "suppressBottomSpacing",
    "suppressTopSpacing",
    "suppressSpacingAtTopOfPage",
    "suppressTopSpacingWP",
    "suppressSpBfAfterPgBrk",
    "swapBordersFacingPages",
    "convMailMergeEsc",
    "truncateFontHeightsLikeWP6",
    "mwSmallCaps",
    "usePrinterMetrics",
    "doNotSuppressParagraphBorders",
    "wrapTrailSpaces",
    "footnoteLayoutLikeWW8",
    "shapeLayoutLikeWW8",
    "alignTablesRowByRow",
    "forgetLastTabAlignment",
    "adjustLineHeightInTable",
    "autoSpaceLikeWord95",
    "noSpaceRaiseLower",
    "doNotUseHTMLParagraphAutoSpacing",
    "layoutRawTableWidth",
    "layoutTableRowsApart",
    "useWord97LineBreakRules",
    "doNotBreakWrappedTables",
    "doNotSnapToGridInCell",
    "selectFldWithFirstOrLastChar",
    "applyBreakingRules",
    "doNotWrapTextWithPunct",
    "doNotUseEastAsianBreakRules",
    "useWord2002TableStyleRules",
    "growAutofit",
    "useFELayout",
    "useNormalStyleForList",
    "doNotUseIndentAsNumberingTabStop",
    "useAltKinsokuLineBreakRules",
    "allowSpaceOfSameStyleInTable",
    "doNotSuppressIndentation",
    "doNotAutofitConstrainedTables",
    "autofitToFirstFixedWidthCell",
    "underlineTabInNumList",
    "displayHangulFixedWidth",
    "splitPgBreakAndParaMark",
    "doNotVertAlignCellWithSp",
    "doNotBreakConstrainedForcedTable",
    "doNotVertAlignInTxbx",
    "useAnsiKerningPairs",
    "cachedColBalance",
    "compatSetting",
];

/// Every element whose children the pass orders. An entry with parents comes before the
/// entry of the same element for any other parent. At most [`MAX_CHILDREN`] children each.
pub const SEQUENCES: &[Sequence] = &[
    Sequence {
        element: "pPr",
        parents: &["style", "pPrDefault", "lvl"],
        schema_type: "CT_PPrGeneral",
        children: PPR_GENERAL,
    },
    Sequence {
        element: "pPr",
        parents: &[],
        schema_type: "CT_PPr",
        children: PPR,
    },
    Sequence {
        element: "rPr",
        parents: &[],
        schema_type: "CT_ParaRPr",
        children: RPR,
    },
    Sequence {
        element: "pBdr",
        parents: &[],
        schema_type: "CT_PBdr",
        children: &["top", "left", "bottom", "right", "between", "bar"],
    },
    Sequence {
        element: "style",
        parents: &[],
        schema_type: "CT_Style",
        children: STYLE,
    },
    Sequence {
        element: "docDefaults",
        parents: &[],
        schema_type: "CT_DocDefaults",
        children: &["rPrDefault", "pPrDefault"],
    },
    Sequence {
        element: "tblPr",
        parents: &[],
        schema_type: "CT_TblPr",
        children: TBL_PR,
    },
    Sequence {
        element: "tblBorders",
        parents: &[],
        schema_type: "CT_TblBorders",
        children: &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    },
    Sequence {
        element: "tcPr",
        parents: &[],
        schema_type: "CT_TcPr",
        children: TC_PR,
    },
    Sequence {
        element: "tcBorders",
        parents: &[],
        schema_type: "CT_TcBorders",
        children: &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    },
    Sequence {
        element: "sectPr",
        parents: &[],
        schema_type: "CT_SectPr",
        children: SECT_PR,
    },
    Sequence {
        element: "settings",
        parents: &[],
        schema_type: "CT_Settings",
        children: SETTINGS,
    },
    Sequence {
        element: "compat",
        parents: &[],
        schema_type: "CT_Compat",
        children: COMPAT,
    },
];

/// Attributes docx-rs writes that the schema does not define on that element, by element.
pub const UNDEFINED_ATTRIBUTES: &[(&str, &str)] = &[("gridCol", "w:type")];

/// A child to add to an element before its children are ordered.
#[derive(Debug, Clone, Copy)]
pub struct Append<'a> {
    /// Local name of the element's parent.
    pub parent: &'static str,
    /// Local name of the element.
    pub element: &'static str,
    /// The child, as XML (one `w:` element).
    pub xml: &'a [u8],
}

/// Two lists as one, at compile time.
const fn joined<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// The longest table of [`SEQUENCES`].
pub const MAX_CHILDREN: usize = 128;

/// A name's first seven bytes and its length in one word: compared before the bytes.
const fn key(name: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    let mut i = 0;
    while i < 7 && i < name.len() {
        k[i] = name[i];
        i += 1;
    }
    k[7] = name.len() as u8;
    u64::from_le_bytes(k)
}

/// The keys of every table's children, in table order.
static KEYS: [[u64; MAX_CHILDREN]; SEQUENCES.len()] = {
    let mut out = [[0u64; MAX_CHILDREN]; SEQUENCES.len()];
    let mut s = 0;
    while s < SEQUENCES.len() {
        let children = SEQUENCES[s].children;
        assert!(children.len() <= MAX_CHILDREN);
        let mut c = 0;
        while c < children.len() {
            out[s][c] = key(children[c].as_bytes());
            c += 1;
        }
        s += 1;
    }
    out
};

const ROOTS_MAX: usize = 64;

/// The keys of the elements that start a region the pass tokenizes: ordered elements, the
/// parents some tables are for, and elements that lose an attribute.
static ROOTS: ([u64; ROOTS_MAX], usize) = {
    let mut out = [0u64; ROOTS_MAX];
    let mut n = 0;
    let mut s = 0;
    while s < SEQUENCES.len() {
        out[n] = key(SEQUENCES[s].element.as_bytes());
        n += 1;
        let mut p = 0;
        while p < SEQUENCES[s].parents.len() {
            out[n] = key(SEQUENCES[s].parents[p].as_bytes());
            n += 1;
            p += 1;
        }
        s += 1;
    }
    let mut a = 0;
    while a < UNDEFINED_ATTRIBUTES.len() {
        out[n] = key(UNDEFINED_ATTRIBUTES[a].0.as_bytes());
        n += 1;
        a += 1;
    }
    (out, n)
};

#[inline]
fn same(a: &[u8], b: &str) -> bool {
    let b = b.as_bytes();
    a.len() == b.len() && a.first() == b.first() && a == b
}

/// The name without its `w:` prefix; other prefixes are kept.
#[inline]
fn wml_name(qname: &[u8]) -> &[u8] {
    qname.strip_prefix(b"w:").unwrap_or(qname)
}

/// The sequence the pass applies to the children of `element` under `parent` (local names).
pub fn sequence_for(element: &str, parent: &str) -> Option<&'static Sequence> {
    lookup(element.as_bytes(), parent.as_bytes()).map(|i| &SEQUENCES[i])
}

fn lookup(name: &[u8], parent: &[u8]) -> Option<usize> {
    SEQUENCES.iter().position(|s| {
        same(name, s.element) && (s.parents.is_empty() || s.parents.iter().any(|p| same(parent, p)))
    })
}

/// The rank of a child (qualified name) in table `seq`.
fn rank(seq: usize, qname: &[u8]) -> Option<u16> {
    let name = wml_name(qname);
    let k = key(name);
    let children = SEQUENCES[seq].children;
    KEYS[seq][..children.len()]
        .iter()
        .enumerate()
        .find(|&(i, &c)| c == k && (name.len() <= 7 || name == children[i].as_bytes()))
        .map(|(i, _)| i as u16)
}

/// An open element inside a region.
struct Frame<'x> {
    /// Qualified name, from the input.
    name: &'x [u8],
    /// The table of its children, when it is a property element.
    sequence: Option<usize>,
    /// Where its children start in the shared list.
    first_child: usize,
    /// Its rank and start in the output, when its parent orders its children.
    slot: Option<(u16, usize)>,
    /// A child to add at its end.
    append: Option<&'x [u8]>,
}

/// A written child of an ordered element: its rank and bytes `start..end` of the output.
#[derive(Debug, Clone, Copy)]
struct Child {
    rank: u16,
    start: usize,
    end: usize,
}

/// An error of the pass: the part is not well-formed XML.
#[derive(Debug, thiserror::Error)]
#[error("XML part not well-formed at byte {position}: {message}")]
pub struct OrderError {
    /// Byte offset of the problem.
    pub position: usize,
    /// What is wrong.
    pub message: &'static str,
}

fn error(position: usize, message: &'static str) -> OrderError {
    OrderError { position, message }
}

/// Rewrites one WordprocessingML part into `out`: the children of the elements of
/// [`SEQUENCES`] in schema order, the attributes of [`UNDEFINED_ATTRIBUTES`] dropped, the
/// `appends` added, and empty children the schema does not allow in an ordered element
/// (docx-rs's `<w:rPr/>` in a style's paragraph properties) dropped. Everything else is copied
/// byte for byte.
pub fn rewrite<'x>(
    xml: &'x [u8],
    appends: &'x [Append<'x>],
    out: &mut Vec<u8>,
) -> Result<(), OrderError> {
    let mut p = Pass {
        xml,
        out,
        copied: 0,
        frames: Vec::with_capacity(16),
        children: Vec::with_capacity(64),
        scratch: Vec::new(),
        appends,
    };
    let mut pos = 0;
    loop {
        let lt = if xml.get(pos) == Some(&b'<') {
            pos
        } else {
            match find1(&xml[pos..], b'<') {
                Some(off) => pos + off,
                None => break,
            }
        };
        let end = match xml.get(lt + 1) {
            Some(b'?') => after(xml, lt, b"?>")?,
            Some(b'!') if xml[lt..].starts_with(b"<!--") => after(xml, lt, b"-->")?,
            Some(b'!') if xml[lt..].starts_with(b"<![CDATA[") => after(xml, lt, b"]]>")?,
            Some(b'!') => after(xml, lt, b">")?,
            Some(b'/') if p.frames.is_empty() => lt + 2,
            Some(b'/') => {
                let end = after(xml, lt, b">")?;
                p.close(lt, end, None);
                end
            }
            Some(_) => {
                let name_len = name_len(&xml[lt + 1..]);
                let name = &xml[lt + 1..lt + 1 + name_len];
                if p.frames.is_empty() && !p.is_root(name) {
                    lt + 1 + name_len
                } else {
                    let end = tag_end(xml, lt)?;
                    p.start(lt, end, name_len);
                    end
                }
            }
            None => return Err(error(lt, "unclosed tag")),
        };
        pos = end;
    }
    if !p.frames.is_empty() {
        return Err(error(xml.len(), "unclosed element"));
    }
    p.flush(xml.len());
    Ok(())
}

/// The position just after the first `needle` from `from`.
fn after(xml: &[u8], from: usize, needle: &[u8]) -> Result<usize, OrderError> {
    xml[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i + needle.len())
        .ok_or(error(from, "unclosed markup"))
}

fn name_len(from: &[u8]) -> usize {
    from.iter()
        .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'))
        .unwrap_or(from.len())
}

/// The end (exclusive) of the start tag at `lt`, past quoted attribute values.
fn tag_end(xml: &[u8], lt: usize) -> Result<usize, OrderError> {
    let mut i = lt + 1;
    loop {
        let j = i + find3(&xml[i..], b'>', b'"', b'\'').ok_or(error(lt, "unclosed tag"))?;
        let quote = xml[j];
        if quote == b'>' {
            return Ok(j + 1);
        }
        i = j + 2 + find1(&xml[j + 1..], quote).ok_or(error(j, "unclosed attribute value"))?;
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `word` equal to `b`, as their high bits (exact up to the first one).
#[inline]
fn equal_bytes(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Finds the first byte that `hit` marks, eight bytes at a time: tags are a few dozen bytes, too
/// short for a vectorized search to pay for its set-up.
#[inline]
fn find_word(hay: &[u8], hit: impl Fn(u64) -> u64, byte: impl Fn(u8) -> bool) -> Option<usize> {
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let m = hit(u64::from_le_bytes(w));
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| byte(b))
        .map(|i| at + i)
}

#[inline]
fn find1(hay: &[u8], a: u8) -> Option<usize> {
    find_word(hay, |w| equal_bytes(w, a), |b| b == a)
}

#[inline]
fn find3(hay: &[u8], a: u8, b: u8, c: u8) -> Option<usize> {
    find_word(
        hay,
        |w| equal_bytes(w, a) | equal_bytes(w, b) | equal_bytes(w, c),
        |x| x == a || x == b || x == c,
    )
}

/// The pass's state: the input copied to `out` lazily, up to `copied`.
struct Pass<'x, 'o> {
    xml: &'x [u8],
    out: &'o mut Vec<u8>,
    copied: usize,
    frames: Vec<Frame<'x>>,
    children: Vec<Child>,
    scratch: Vec<u8>,
    appends: &'x [Append<'x>],
}

impl<'x> Pass<'x, '_> {
    fn flush(&mut self, to: usize) {
        if to > self.copied {
            self.out.extend_from_slice(&self.xml[self.copied..to]);
            self.copied = to;
        }
    }

    /// Flushes up to `to`; what came after the innermost ordered element's last child (text,
    /// a comment) goes with that child.
    fn flush_in_sequence(&mut self, to: usize) {
        self.flush(to);
        if let Some(f) = self.frames.last() {
            if self.children.len() > f.first_child {
                if let Some(c) = self.children.last_mut() {
                    c.end = self.out.len();
                }
            }
        }
    }

    /// Whether an element outside every region starts one: it is ordered, is the parent some
    /// table is for, loses an attribute or receives a child. (A false positive costs time only.)
    fn is_root(&self, qname: &[u8]) -> bool {
        let Some(local) = qname.strip_prefix(b"w:") else {
            return false;
        };
        let k = key(local);
        ROOTS.0[..ROOTS.1].contains(&k) || self.appends.iter().any(|a| same(local, a.parent))
    }

    fn start(&mut self, lt: usize, end: usize, name_len: usize) {
        let xml = self.xml;
        let tag = &xml[lt..end];
        let name = &xml[lt + 1..lt + 1 + name_len];
        let empty = tag.ends_with(b"/>");
        let (parent, parent_sequence) = match self.frames.last() {
            Some(f) => (f.name, f.sequence),
            None => (&b""[..], None),
        };
        let local = wml_name(name);
        let mut slot = None;
        if let Some(sequence) = parent_sequence {
            let r = rank(sequence, name);
            self.flush_in_sequence(lt);
            let bare = tag[1 + name_len..]
                .iter()
                .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>'));
            if r.is_none() && empty && bare {
                self.copied = end;
                return;
            }
            slot = Some((r.unwrap_or(u16::MAX), self.out.len()));
        }
        let append = match self.appends {
            [] => None,
            appends => {
                let parent = wml_name(parent);
                appends
                    .iter()
                    .find(|a| same(local, a.element) && same(parent, a.parent))
                    .map(|a| a.xml)
            }
        };
        let dropped = UNDEFINED_ATTRIBUTES
            .iter()
            .find(|(e, _)| same(local, e))
            .map(|(_, a)| *a);
        if let Some(attribute) = dropped {
            self.flush(lt);
            write_without(
                self.out,
                tag,
                name_len,
                attribute.as_bytes(),
                empty && append.is_none(),
            );
            self.copied = end;
        } else if empty && append.is_some() {
            self.flush(lt);
            self.out.extend_from_slice(&tag[..tag.len() - 2]);
            self.out.push(b'>');
            self.copied = end;
        }
        if empty && append.is_none() {
            if let Some((rank, start)) = slot {
                self.flush(end);
                self.children.push(Child {
                    rank,
                    start,
                    end: self.out.len(),
                });
            }
            return;
        }
        let sequence = if name.starts_with(b"w:") {
            lookup(local, wml_name(parent))
        } else {
            None
        };
        self.frames.push(Frame {
            name,
            sequence,
            first_child: self.children.len(),
            slot,
            append,
        });
        if empty {
            let close = [b"</", name, b">"].concat();
            self.close(end, end, Some(&close));
        }
    }

    /// Closes the innermost element: its end tag is `lt..end` of the input, or `synthetic`.
    fn close(&mut self, lt: usize, end: usize, synthetic: Option<&[u8]>) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let active = frame.sequence.is_some() || frame.append.is_some();
        if active {
            self.flush(lt);
            if self.children.len() > frame.first_child {
                if let Some(c) = self.children.last_mut() {
                    c.end = self.out.len();
                }
            }
            if let Some(xml) = frame.append {
                let start = self.out.len();
                self.out.extend_from_slice(xml);
                if let Some(sequence) = frame.sequence {
                    let name = &xml[1..1 + name_len(&xml[1..])];
                    self.children.push(Child {
                        rank: rank(sequence, name).unwrap_or(u16::MAX),
                        start,
                        end: self.out.len(),
                    });
                }
            }
            if frame.sequence.is_some() {
                sort(
                    &mut self.children[frame.first_child..],
                    self.out,
                    &mut self.scratch,
                );
            }
            self.children.truncate(frame.first_child);
        }
        match synthetic {
            Some(tag) => self.out.extend_from_slice(tag),
            None if active || frame.slot.is_some() => self.flush(end),
            None => {}
        }
        if let Some((rank, start)) = frame.slot {
            self.children.push(Child {
                rank,
                start,
                end: self.out.len(),
            });
        }
    }
}

/// Writes a start tag without one attribute (values kept as written).
fn write_without(out: &mut Vec<u8>, tag: &[u8], name_len: usize, attribute: &[u8], empty: bool) {
    out.extend_from_slice(&tag[..1 + name_len]);
    let mut rest = &tag[1 + name_len..];
    loop {
        rest = rest.trim_ascii_start();
        if rest.is_empty() || rest[0] == b'/' || rest[0] == b'>' {
            break;
        }
        let Some(eq) = rest.iter().position(|&b| b == b'=') else {
            break;
        };
        let key = rest[..eq].trim_ascii_end();
        let value = &rest[eq + 1..];
        let Some(open) = value.iter().position(|&b| b == b'"' || b == b'\'') else {
            break;
        };
        let Some(close) = find1(&value[open + 1..], value[open]) else {
            break;
        };
        let len = eq + 1 + open + 1 + close + 1;
        if key != attribute {
            out.push(b' ');
            out.extend_from_slice(&rest[..len]);
        }
        rest = &rest[len..];
    }
    out.extend_from_slice(if empty { b" />" } else { b">" });
}

/// Orders contiguous children in place, stably, by rank.
fn sort(children: &mut [Child], out: &mut [u8], scratch: &mut Vec<u8>) {
    if children.windows(2).all(|w| w[0].rank <= w[1].rank) {
        return;
    }
    let from = children[0].start;
    let to = children[children.len() - 1].end;
    children.sort_by_key(|c| c.rank);
    scratch.clear();
    for c in children.iter() {
        scratch.extend_from_slice(&out[c.start..c.end]);
    }
    out[from..to].copy_from_slice(scratch);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, appends: &[Append]) -> String {
        let mut out = Vec::new();
        rewrite(xml.as_bytes(), appends, &mut out).expect("well-formed");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn orders_paragraph_properties_and_keeps_content_order() {
        let xml = r#"<w:p><w:pPr><w:rPr/><w:jc w:val="center"/><w:pStyle w:val="A"/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="center"/><w:rPr/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn orders_nested_elements_and_drops_the_empty_mark_properties_of_a_style() {
        let xml = r#"<w:style w:styleId="A"><w:name w:val="A"/><w:rPr><w:sz w:val="2"/><w:rFonts w:ascii="T"/></w:rPr><w:pPr><w:rPr/><w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr><w:qFormat/><w:basedOn w:val="Normal"/></w:style>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:style w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:ascii="T"/><w:sz w:val="2"/></w:rPr></w:style>"#
        );
    }

    #[test]
    fn drops_undefined_attributes_and_appends_children_in_order() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="10" w:type="dxa" /></w:tblGrid><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="T"/></w:rPr></w:rPrDefault><w:rPrDefault><w:rPr/></w:rPrDefault>"#;
        let lang = Append {
            parent: "rPrDefault",
            element: "rPr",
            xml: br#"<w:lang w:val="vi-VN"/>"#,
        };
        assert_eq!(
            run(xml, &[lang]),
            r#"<w:tblGrid><w:gridCol w:w="10" /></w:tblGrid><w:rPrDefault><w:rPr><w:rFonts w:ascii="T"/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:rPrDefault><w:rPr><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>"#
        );
    }

    #[test]
    fn moves_header_references_first_in_section_properties() {
        let xml = r#"<w:sectPr><w:pgSz w:w="1"/><w:headerReference w:type="default" r:id="a"/><w:titlePg/><w:headerReference w:type="first" r:id="b"/></w:sectPr>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:sectPr><w:headerReference w:type="default" r:id="a"/><w:headerReference w:type="first" r:id="b"/><w:pgSz w:w="1"/><w:titlePg/></w:sectPr>"#
        );
    }

    #[test]
    fn text_and_comments_between_children_go_with_the_child_before() {
        let xml = "<w:pPr> <w:jc w:val=\"left\"/><!-- c --> <w:pStyle w:val=\"A\"/>\n</w:pPr>";
        assert_eq!(
            run(xml, &[]),
            "<w:pPr> <w:pStyle w:val=\"A\"/>\n<w:jc w:val=\"left\"/><!-- c --> </w:pPr>"
        );
    }

    #[test]
    fn quoted_values_may_hold_markup_characters() {
        let xml = r#"<w:x a='>"'><w:pPr><w:jc w:val='a>b' /><w:pStyle w:val="x'y>"/></w:pPr><w:gridCol w:type='a>' w:w="1"/></w:x>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:x a='>"'><w:pPr><w:pStyle w:val="x'y>"/><w:jc w:val='a>b' /></w:pPr><w:gridCol w:w="1" /></w:x>"#
        );
    }

    #[test]
    fn leaves_a_part_without_property_elements_as_it_is() {
        let xml = "<?xml version=\"1.0\"?>\n<w:hdr><!-- <w:pPr> --><w:p><w:r><w:t>a &gt; b</w:t></w:r></w:p><![CDATA[<w:pPr><w:jc/><w:pStyle/></w:pPr>]]></w:hdr>";
        assert_eq!(run(xml, &[]), xml);
    }

    #[test]
    fn a_numbering_level_s_paragraph_properties_have_no_run_properties() {
        let xml =
            r#"<w:lvl><w:pPr><w:rPr/><w:ind w:left="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:lvl><w:pPr><w:ind w:left="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>"#
        );
    }

    #[test]
    fn reports_an_unclosed_element() {
        let mut out = Vec::new();
        let e = rewrite(b"<w:style><w:pPr></w:pPr>", &[], &mut out).expect_err("unclosed");
        assert!(e.to_string().contains("unclosed element"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any subset of a paragraph's properties, in any order: sorted by the schema, nothing
        /// lost or added, the runs untouched.
        #[test]
        fn sorts_any_order_of_paragraph_properties(
            picks in proptest::sample::subsequence(PPR.to_vec(), 0..=PPR.len()),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let mut shuffled: Vec<&str> = picks.clone();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            let children: String = shuffled.iter().map(|c| format!("<w:{c} w:val=\"{c}\"/>")).collect();
            let xml = format!("<w:p><w:pPr>{children}</w:pPr><w:r><w:t>z</w:t></w:r></w:p>");
            let expected: String = picks.iter().map(|c| format!("<w:{c} w:val=\"{c}\"/>")).collect();
            proptest::prop_assert_eq!(
                run(&xml, &[]),
                format!("<w:p><w:pPr>{expected}</w:pPr><w:r><w:t>z</w:t></w:r></w:p>")
            );
        }
    }

    #[test]
    fn reports_a_part_that_is_not_xml() {
        let mut out = Vec::new();
        let e = rewrite(b"<w:p><w:pPr w:val=\"1", &[], &mut out).expect_err("unclosed tag");
        assert!(e.to_string().contains("not well-formed"), "{e}");
    }
}
