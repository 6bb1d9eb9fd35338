<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;ورود مقاله‌ها…</translation>
    </message>
    <message>
        <source>Add articles from files or a folder</source>
        <translation>افزودن مقاله از پرونده‌ها یا یک پوشه</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>ورود یک &amp;پوشه…</translation>
    </message>
    <message>
        <source>Add every article in a folder</source>
        <translation>افزودن همهٔ مقاله‌های یک پوشه</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;خروجی گرفتن…</translation>
    </message>
    <message>
        <source>Write the labelled documents as a dataset</source>
        <translation>نوشتن سندهای برچسب‌خورده به‌صورت مجموعه‌داده</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <source>&amp;Delete Span</source>
        <translation>&amp;حذف برچسب</translation>
    </message>
    <message>
        <source>Remove the selected span</source>
        <translation>حذف برچسب انتخاب‌شده</translation>
    </message>
    <message>
        <source>Mark Done &amp;&amp; &amp;Next</source>
        <translation>پایان و &amp;بعدی</translation>
    </message>
    <message>
        <source>Mark this document done and open the next one not done</source>
        <translation>این سند انجام‌شده علامت بخورد و سند انجام‌نشدهٔ بعدی باز شود</translation>
    </message>
    <message>
        <source>&amp;Previous Document</source>
        <translation>سند &amp;قبلی</translation>
    </message>
    <message>
        <source>N&amp;ext Document</source>
        <translation>سند &amp;بعدی</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;درشت‌تر</translation>
    </message>
    <message>
        <source>Larger article text</source>
        <translation>متن مقاله درشت‌تر</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>&amp;ریزتر</translation>
    </message>
    <message>
        <source>Smaller article text</source>
        <translation>متن مقاله ریزتر</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>اندازهٔ &amp;پیش‌فرض</translation>
    </message>
    <message>
        <source>System</source>
        <translation>زبان سیستم</translation>
    </message>
    <message>
        <source>&amp;About Annotator</source>
        <translation>&amp;دربارهٔ برچسب‌زن</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;کلیدهای میان‌بر</translation>
    </message>
    <message>
        <source>Label as {name}</source>
        <translation>برچسب {name}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;برچسب</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;سند</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;زبان</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>نوار ابزار اصلی</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Annotator</source>
        <translation>برچسب‌زن</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>label the selection, or the word at the caret, as ACTOR, EVENT, LOCATION</source>
        <translation>برچسب زدن به متن انتخاب‌شده، یا واژهٔ زیر مکان‌نما، با ACTOR، EVENT، LOCATION</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>remove the selected span</source>
        <translation>حذف برچسب انتخاب‌شده</translation>
    </message>
    <message>
        <source>undo / redo, also across documents</source>
        <translation>واگرد / ازنو، در همهٔ سندها</translation>
    </message>
    <message>
        <source>mark the document done and open the next one</source>
        <translation>پایان این سند و باز کردن سند بعدی</translation>
    </message>
    <message>
        <source>previous / next document (PgUp / PgDn in the list)</source>
        <translation>سند قبلی / بعدی (در فهرست: PgUp / PgDn)</translation>
    </message>
    <message>
        <source>larger / smaller text</source>
        <translation>متن درشت‌تر / ریزتر</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Selections snap outward to whole words.</source>
        <translation>انتخاب‌ها تا مرز واژه‌های کامل گسترش می‌یابند.</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>کلیدهای میان‌بر</translation>
    </message>
    <message>
        <source>About Annotator</source>
        <translation>دربارهٔ برچسب‌زن</translation>
    </message>
    <message>
        <source>&lt;b&gt;Annotator&lt;/b&gt; {version}&lt;br&gt;Label actors, events and locations in Persian news.&lt;br&gt;Font: Vazirmatn (SIL Open Font License).</source>
        <translation>&lt;b&gt;برچسب‌زن&lt;/b&gt; {version}&lt;br&gt;برچسب‌گذاری کنشگرها، رویدادها و مکان‌ها در خبرهای فارسی.&lt;br&gt;قلم: وزیرمتن (SIL Open Font License).</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>{labels} labels, {pending} suggestions to review</source>
        <translation>{labels} برچسب، {pending} پیشنهاد برای بازبینی</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>همهٔ وضعیت‌ها</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>انجام‌نشده</translation>
    </message>
</context>
<context>
    <name>DocumentListPanel</name>
    <message>
        <source>Filter by text…</source>
        <translation>پالایش با متن…</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>هر برچسبی</translation>
    </message>
</context>
<context>
    <name>Edit</name>
    <message>
        <source>label {label} {text}</source>
        <translation>برچسب {label} {text}</translation>
    </message>
    <message>
        <source>delete {label} {text}</source>
        <translation>حذف {label} {text}</translation>
    </message>
    <message>
        <source>relabel {text} {before} → {after}</source>
        <translation>تغییر برچسب {text} از {before} به {after}</translation>
    </message>
    <message>
        <source>mark {status}</source>
        <translation>وضعیت: {status}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>خروجی</translation>
    </message>
    <message>
        <source>JSONL (one document per line)</source>
        <translation>JSONL (هر سند در یک سطر)</translation>
    </message>
    <message>
        <source>CoNLL (one token per line)</source>
        <translation>CoNLL (هر توکن در یک سطر)</translation>
    </message>
    <message>
        <source>Include suggestions not yet reviewed</source>
        <translation>پیشنهادهای بازبینی‌نشده هم بیایند</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>قالب:</translation>
    </message>
    <message>
        <source>Tagging scheme:</source>
        <translation>طرح برچسب‌گذاری:</translation>
    </message>
    <message>
        <source>Only documents that are (none: all):</source>
        <translation>فقط سندهایی که (هیچ: همه):</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>نوشتن در:</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>خروجی در</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>Labels:</source>
        <translation>برچسب‌ها:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Annotator — {file}</source>
        <translation>برچسب‌زن — {file}</translation>
    </message>
    <message>
        <source>No documents yet: import articles from the File menu or drop files here.</source>
        <translation>هنوز سندی نیست: از منوی پرونده مقاله وارد کنید یا پرونده‌ها را اینجا رها کنید.</translation>
    </message>
    <message>
        <source>{done} of {total} done</source>
        <translation>{done} از {total} انجام شده</translation>
    </message>
    <message>
        <source>Undo: {edit}</source>
        <translation>واگرد: {edit}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>واگرد</translation>
    </message>
    <message>
        <source>Redo: {edit}</source>
        <translation>ازنو: {edit}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>ازنو</translation>
    </message>
    <message>
        <source>Nothing to label: select words or put the caret on one.</source>
        <translation>چیزی برای برچسب زدن نیست: واژه‌ای را انتخاب کنید یا مکان‌نما را روی آن بگذارید.</translation>
    </message>
    <message>
        <source>No span selected: click a span or put the caret in one.</source>
        <translation>برچسبی انتخاب نشده: روی برچسبی کلیک کنید یا مکان‌نما را در آن بگذارید.</translation>
    </message>
    <message>
        <source>This is the last document.</source>
        <translation>این آخرین سند است.</translation>
    </message>
    <message>
        <source>This is the first document.</source>
        <translation>این نخستین سند است.</translation>
    </message>
    <message>
        <source>The interface language changes when Annotator next starts.</source>
        <translation>زبان رابط در اجرای بعدی برچسب‌زن عوض می‌شود.</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>That document is no longer in the project file.</source>
        <translation>این سند دیگر در پروندهٔ پروژه نیست.</translation>
    </message>
    <message>
        <source>Every document is done.</source>
        <translation>همهٔ سندها انجام شده‌اند.</translation>
    </message>
    <message>
        <source>Not saved: {problem}</source>
        <translation>ذخیره نشد: {problem}</translation>
    </message>
</context>
<context>
    <name>SpanList</name>
    <message>
        <source>human</source>
        <translation>انسان</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>در انتظار</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>پذیرفته</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>ردشده</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>متن</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>منشأ</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>new</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>در جریان</translation>
    </message>
    <message>
        <source>done</source>
        <translation>انجام‌شده</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>بازبینی‌شده</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Import articles</source>
        <translation>ورود مقاله‌ها</translation>
    </message>
    <message>
        <source>Articles (*.txt *.jsonl *.json *.conll *.conllu *.tsv);;All files (*)</source>
        <translation>مقاله‌ها (*.txt *.jsonl *.json *.conll *.conllu *.tsv);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Import a folder of articles</source>
        <translation>ورود پوشه‌ای از مقاله‌ها</translation>
    </message>
    <message>
        <source>Importing articles…</source>
        <translation>در حال ورود مقاله‌ها…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>در حال نوشتن خروجی…</translation>
    </message>
    <message>
        <source>Please wait: an import or export is running.</source>
        <translation>لطفاً صبر کنید: ورود یا خروجی در جریان است.</translation>
    </message>
    <message>
        <source>Imported {added} documents with {spans} spans.</source>
        <translation>{added} سند با {spans} برچسب وارد شد.</translation>
    </message>
    <message>
        <source>{n} already in the project.</source>
        <translation>{n} سند از پیش در پروژه بود.</translation>
    </message>
    <message>
        <source>Not read as articles: {files}</source>
        <translation>به‌عنوان مقاله خوانده نشد: {files}</translation>
    </message>
    <message>
        <source>Exported {documents} documents, {spans} spans to {path}.</source>
        <translation>{documents} سند و {spans} برچسب در {path} نوشته شد.</translation>
    </message>
    <message>
        <source>{n} spans widened to whole tokens.</source>
        <translation>{n} برچسب تا مرز توکن‌ها گسترش یافت.</translation>
    </message>
</context>
</TS>
