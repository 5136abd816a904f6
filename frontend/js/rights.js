// Who may do what with the wordlists (the API checks it again; this only decides which buttons to show).

export const isStaff = (me) => me.role !== "participant";

// Teachers and coordinators write: their organisation's own terms always, shared terms with the editor right.
export const mayWrite = (me) => me.role === "teacher" || me.role === "coordinator";

export const mayEdit = (me, term) => mayWrite(me) && (!term.shared || me.is_editor);

export const mayPropose = (me, term) => mayWrite(me) && term.shared && !me.is_editor;

export const mayEditShared = (me) => mayWrite(me) && me.is_editor;

// Teachers and coaches record how a term sounds (a colleague saying it on the work floor).
export const mayRecord = (me) => me.role === "teacher" || me.role === "coach";
